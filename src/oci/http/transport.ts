import { Readable } from 'node:stream';
import { ConnectionPool, type Connection } from './connection-pool.js';
import { ResponseParser, StallError, requestHead, type ResponseHead } from './http1.js';

// One HTTP/1.1 exchange on a kept-alive connection, written on node:net rather than node:http:
// a push is a handful of small requests, and node:http's loading and per-request machinery cost
// a fresh process more than they do (bench/push/README.md, "What each start-up tuning saves").

/**
 * A request body: bytes we hold, or a stream we produce once (and can produce again to retry).
 * Each chunk of a stream is handed to the socket before the next is asked for, so a producer may
 * fill one buffer over and over (see readFileRange).
 */
export type RequestBody =
  Buffer | { stream: () => Readable | AsyncIterable<Buffer>; length: number };

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Fails the request when no byte moves either way for this long. */
  idleTimeoutMs?: number;
  /** Abandons the request: its connection is closed, whatever it was sending. */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  body: Readable;
  text(): Promise<string>;
  buffer(limit?: number): Promise<Buffer>;
  json<T>(): Promise<T>;
  /** Reads and drops the body so the connection can be reused. */
  discard(): Promise<void>;
}

export { StallError };

const pool = new ConnectionPool();

/**
 * One HTTP exchange: resolves once the response's head is in, with its body to read. No
 * redirects and no retries of answers: the registry client decides those. The one retry here is
 * of a bodiless GET or HEAD on a kept-alive connection that the server had closed before it got
 * the request, the way browsers and Go's client do.
 */
export async function send(request: HttpRequest): Promise<HttpResponse> {
  const url = new URL(request.url);
  const headers = headersOf(request, url);
  const replayable =
    request.body === undefined && (request.method === 'GET' || request.method === 'HEAD');
  for (;;) {
    const connection = await pool.acquire(url, request.signal, request.idleTimeoutMs);
    const head = headFor(request.method, url, headers, connection.forward);
    const progress = { responseBytes: 0 };
    try {
      return await exchange(connection, head, request, progress);
    } catch (error) {
      if (!(replayable && connection.reused && progress.responseBytes === 0 && isDrop(error)))
        throw error;
    }
  }
}

/** The request line names the path, or the whole URL for a forwarding proxy (RFC 9112 3.2.2). */
function headFor(
  method: string,
  url: URL,
  headers: Record<string, string>,
  forward: Connection['forward'],
): Buffer {
  if (!forward) return requestHead(method, url.pathname + url.search, headers);
  const target = `${url.protocol}//${url.host}${url.pathname}${url.search}`;
  return requestHead(method, target, {
    ...headers,
    ...(forward.authorization ? { 'proxy-authorization': forward.authorization } : {}),
  });
}

/** The connection was reset or closed under the request. */
function isDrop(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/** Headers framing and routing the message are the transport's own; callers set the rest. */
const RESERVED_HEADERS = new Set([
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'proxy-authorization',
]);

function headersOf(request: HttpRequest, url: URL): Record<string, string> {
  const headers: Record<string, string> = { host: url.host, 'user-agent': 'hypernix' };
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    const key = name.toLowerCase();
    if (RESERVED_HEADERS.has(key)) throw new TypeError(`header ${name} is set by the transport`);
    headers[key] = value;
  }
  const body = request.body;
  if (body !== undefined) headers['content-length'] = String(body.length);
  else if (!['GET', 'HEAD', 'DELETE'].includes(request.method)) headers['content-length'] = '0';
  return headers;
}

/** How long a response that came before its request was all written waits for that write. */
const LATE_WRITE_GRACE_MS = 50;

const noop = () => undefined;

/** Writes the request on `connection` and reads its response; the connection goes back to the pool after. */
function exchange(
  connection: Connection,
  head: Buffer,
  request: HttpRequest,
  progress: { responseBytes: number },
): Promise<HttpResponse> {
  const { signal } = request;
  if (signal?.aborted) {
    pool.release(connection, true); // untouched: fit for the next request
    return Promise.reject(abortError(signal));
  }
  return new Promise<HttpResponse>((resolve, reject) => {
    new Exchange(connection, request, progress, resolve, reject).start(head);
  });
}

/**
 * One exchange under way: its socket's events move it on, until the response is all read (the
 * connection goes back to the pool) or it fails (the connection is closed). The handlers are
 * made once per exchange; a chunk in either direction allocates nothing here.
 */
class Exchange {
  private readonly socket: Connection['socket'];
  private readonly idle: number;
  private readonly source: Readable | AsyncIterable<Buffer> | undefined;
  private readonly parser: ResponseParser;
  private body: ResponseBody | undefined;
  private settled = false;
  /** Settles once every byte of the request has been taken by the socket, or could not be. */
  private written: Promise<boolean> = Promise.resolve(false);

  constructor(
    private readonly connection: Connection,
    private readonly request: HttpRequest,
    private readonly progress: { responseBytes: number },
    private readonly resolve: (response: HttpResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.socket = connection.socket;
    this.idle = request.idleTimeoutMs ?? 60_000;
    this.source =
      request.body === undefined || Buffer.isBuffer(request.body)
        ? undefined
        : request.body.stream();
    this.parser = new ResponseParser(request.method, {
      head: (responseHead) => {
        this.body = new ResponseBody(this.socket, () => {
          if (!this.parser.complete) this.finish(new Error('response body abandoned'));
        });
        this.resolve(responseOf(request.url, responseHead, this.body));
      },
      body: (chunk) => {
        if (!this.body!.push(chunk)) this.socket.pause();
      },
      end: () => {
        this.body?.push(null);
        this.finish();
      },
    });
  }

  /** Listens to the socket and writes the request on it. */
  start(head: Buffer): void {
    const { socket, request } = this;
    socket.on('data', this.onData).on('end', this.onEnd).on('error', this.fail);
    socket.on('close', this.onClose);
    socket.setTimeout(this.idle, this.onTimeout);
    request.signal?.addEventListener('abort', this.onAbort, { once: true });
    if (socket.isPaused()) socket.resume();
    this.written = writeRequest(socket, head, request.body, this.source).then(
      () => true,
      (error: unknown) => {
        // A response may have come first (a registry refusing a body stops reading it).
        if (!this.parser.complete) this.fail(error as Error);
        return false;
      },
    );
  }

  private finish(error?: Error): void {
    if (this.settled) return;
    this.settled = true;
    const { socket } = this;
    socket.off('data', this.onData).off('end', this.onEnd).off('close', this.onClose);
    socket.off('error', this.fail).off('timeout', this.onTimeout);
    this.request.signal?.removeEventListener('abort', this.onAbort);
    if (error) {
      // The socket may still report its own failure after this: nobody else listens.
      socket.on('error', noop).destroy();
      (this.source as Readable | undefined)?.destroy?.();
      if (this.body) this.body.destroy(error);
      else this.reject(error);
      return;
    }
    // The rest of the request may still fail to go out: that is for releaseAfterWrite.
    socket.on('error', noop);
    const { connection, written, parser } = this;
    void releaseAfterWrite(connection, written, parser.reusable, keepAliveMsOf(parser));
  }

  private readonly fail = (error: Error) => this.finish(error);

  private readonly onData = (chunk: Buffer) => {
    this.progress.responseBytes += chunk.length;
    try {
      this.parser.feed(chunk);
    } catch (error) {
      this.fail(error as Error);
    }
  };

  private readonly onEnd = () => {
    try {
      this.parser.finish();
    } catch (error) {
      this.fail(error as Error);
    }
  };

  private readonly onClose = () => {
    if (!this.parser.complete) this.onEnd();
  };

  private readonly onTimeout = () =>
    this.fail(
      new StallError(
        `no progress for ${this.idle / 1000} s on ${this.request.method} ${new URL(this.request.url).pathname}`,
      ),
    );

  private readonly onAbort = () => this.fail(abortError(this.request.signal!));
}

/**
 * Hands the connection back once the request is known to be all written. A response can come
 * before that (a registry refusing a body it did not read): the connection is kept only if the
 * rest of the request then goes out at once, as Go's client decides; otherwise the server might
 * read the rest of the body as the next request.
 */
async function releaseAfterWrite(
  connection: Connection,
  written: Promise<boolean>,
  reusable: boolean,
  keepAliveMs: number | undefined,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), LATE_WRITE_GRACE_MS);
    timer.unref();
  });
  const sent = await Promise.race([written, late]);
  clearTimeout(timer);
  connection.socket.off('error', noop);
  pool.release(connection, reusable && sent && connection.socket.writableLength === 0, keepAliveMs);
}

/** The server's own idle limit (`Keep-Alive: timeout=N`), less a second, in milliseconds. */
function keepAliveMsOf(parser: ResponseParser): number | undefined {
  const seconds = /\btimeout=(\d+)/i.exec(parser.keepAliveHeader ?? '')?.[1];
  return seconds === undefined ? undefined : Math.max(0, Number(seconds) - 1) * 1000;
}

/** The head and body, each chunk handed to the socket, and taken, before the next is asked for. */
async function writeRequest(
  socket: Connection['socket'],
  head: Buffer,
  body: RequestBody | undefined,
  source: Readable | AsyncIterable<Buffer> | undefined,
): Promise<void> {
  if (body === undefined || Buffer.isBuffer(body)) {
    // One write, one packet: head and bytes together.
    await write(socket, body ? Buffer.concat([head, body]) : head);
    return;
  }
  let remaining = body.length;
  const headWritten = write(socket, head);
  headWritten.catch(() => undefined); // awaited below; a closed socket fails the next write too
  for await (const chunk of source!) {
    remaining -= (chunk as Buffer).length;
    if (remaining < 0) break;
    // Handed over, and taken, before the next chunk is asked for: the producer may refill it.
    await write(socket, chunk as Buffer);
  }
  await headWritten;
  if (remaining !== 0)
    throw new Error(`request body did not match the ${body.length} bytes announced`);
}

function write(socket: Connection['socket'], chunk: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (socket.destroyed) {
      reject(new Error('the connection closed while the request was being sent'));
      return;
    }
    const onClose = () =>
      reject(new Error('the connection closed while the request was being sent'));
    socket.once('close', onClose);
    socket.write(chunk, (error) => {
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve();
    });
  });
}

function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : Object.assign(new Error('the request was abandoned'), { name: 'AbortError' });
}

/** A response body read from the socket, pausing it while the reader is behind. */
class ResponseBody extends Readable {
  constructor(
    private readonly socket: Connection['socket'],
    private readonly onDestroy: () => void,
  ) {
    super();
    // A body nobody reads (yet) must not crash the process when its connection fails: readers
    // still get the error from reading, or from `errored`.
    this.on('error', noop);
  }

  override _read(): void {
    if (this.socket.isPaused()) this.socket.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.onDestroy();
    callback(error);
  }
}

function responseOf(url: string, head: ResponseHead, body: Readable): HttpResponse {
  return {
    status: head.status,
    statusText: head.statusText,
    url,
    headers: { get: (name) => head.headers.get(name.toLowerCase()) ?? null },
    body,
    text: async () => (await readAll(body, 16 << 20)).toString('utf8'),
    buffer: (limit = 64 << 20) => readAll(body, limit),
    json: async <T>() => JSON.parse((await readAll(body, 16 << 20)).toString('utf8')) as T,
    discard: async () => {
      body.resume();
      await new Promise<void>((done) => {
        if (body.readableEnded || body.destroyed) done();
        else
          body
            .once('end', done)
            .once('close', done)
            .once('error', () => done());
      });
    },
  };
}

async function readAll(body: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new Error(`response body larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
