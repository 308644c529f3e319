// What a shaped link really carries for a plain TCP bulk upload (its "goodput"), measured between
// the same two namespaces the pushers use. tbf counts whole packets: at MTU 1500 a segment of
// 1448 payload bytes costs 1514 on the wire (TCP timestamps, IP and Ethernet headers), so no
// sender gets bytes / nominal rate. link.ts compares each push with this measured rate too.
//
//   node goodput.ts sink PORT              (in the registry's namespace; prints "ready")
//   node goodput.ts send HOST PORT BYTES   (in the client's; prints {"seconds","rttSeconds"})
//
// The sender first sends the size, then one byte and waits for its echo (the round trip), then
// the payload in 1 MiB writes; the sink answers once it has every byte. seconds: from the first
// payload write to that answer (so it holds one half round trip, next to nothing on a veth).
import { createConnection, createServer, type Socket } from 'node:net';

const [mode, ...args] = process.argv.slice(2);
if (mode === 'sink') sink(Number(args[0]));
else if (mode === 'send') send(String(args[0]), Number(args[1]), Number(args[2]));
else throw new Error('usage: goodput.ts sink PORT | send HOST PORT BYTES');

function sink(port: number): void {
  const server = createServer((socket: Socket) => {
    let expected = -1;
    let received = 0;
    let header = Buffer.alloc(0);
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => {
      if (expected < 0) {
        header = Buffer.concat([header, data]);
        if (header.length < 9) return;
        expected = Number(header.readBigUInt64BE(0));
        socket.write('p'); // echo of the ping byte (header[8])
        data = header.subarray(9);
      }
      received += data.length;
      if (received >= expected && expected >= 0) socket.end('d');
    });
    socket.on('error', () => socket.destroy());
  });
  server.listen(port, '0.0.0.0', () => process.stdout.write('ready\n'));
}

function send(host: string, port: number, bytes: number): void {
  const socket = createConnection({ host, port, noDelay: true });
  const header = Buffer.alloc(9);
  header.writeBigUInt64BE(BigInt(bytes), 0);
  const block = Buffer.alloc(1 << 20, 0x5a);
  let pinged = 0;
  let started = 0;
  socket.on('connect', () => {
    pinged = performance.now();
    socket.write(header);
  });
  socket.on('data', (data: Buffer) => {
    for (const byte of data) {
      if (byte === 0x70) {
        const rttSeconds = (performance.now() - pinged) / 1000;
        started = performance.now();
        void pump(socket, block, bytes).then(() => undefined);
        socket.once('close', () => {
          const seconds = (finished - started) / 1000;
          process.stdout.write(`${JSON.stringify({ seconds, rttSeconds })}\n`);
        });
      } else if (byte === 0x64) finished = performance.now();
    }
  });
  let finished = 0;
  socket.on('error', (error) => {
    process.stderr.write(`goodput: ${error.message}\n`);
    process.exit(1);
  });
}

async function pump(socket: Socket, block: Buffer, bytes: number): Promise<void> {
  for (let sent = 0; sent < bytes; sent += block.length) {
    const piece = block.subarray(0, Math.min(block.length, bytes - sent));
    if (!socket.write(piece)) await new Promise((resolve) => socket.once('drain', resolve));
  }
}
