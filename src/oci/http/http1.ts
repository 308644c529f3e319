// HTTP/1.1 on the wire (RFC 9112), as much as a registry client needs: a request's head, and an
// incremental parser of a response's head and body framing (Content-Length, chunked, or until
// the connection closes). No sockets here; transport.ts drives it.

/** The most bytes a response's head (status line and headers) may take. */
export const MAX_HEAD_BYTES = 64 << 10;
/** The most bytes one chunk-size or trailer line may take. */
const MAX_LINE_BYTES = 4 << 10;

const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Field values: visible characters, spaces and tabs; no CR, LF or NUL (no header injection).
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * Where a URL's server is: its host as a socket takes it (an IPv6 literal without brackets, in
 * lower case, as URL writes it) and its port (the scheme's default when none is written).
 */
export function endpointOf(url: URL): { host: string; port: number } {
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
  };
}

/** No byte moved either way for the idle timeout: worth another try. */
export class StallError extends Error {
  override name = 'StallError';
}

/** A response that breaks HTTP/1.1: the connection cannot be trusted any further. */
export class HttpProtocolError extends Error {
  override name = 'HttpProtocolError';
}

/** The request line and headers, ready for the socket. Rejects names and values that could smuggle a header. */
export function requestHead(
  method: string,
  target: string,
  headers: Record<string, string>,
): Buffer {
  if (!TOKEN.test(method)) throw new TypeError(`invalid HTTP method ${JSON.stringify(method)}`);
  if (!/^[\x21-\x7e]+$/.test(target))
    throw new TypeError(`invalid request target ${JSON.stringify(target)}`);
  let head = `${method} ${target} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) throw new TypeError(`invalid header name ${JSON.stringify(name)}`);
    if (!FIELD_VALUE.test(value)) throw new TypeError(`invalid value for header ${name}`);
    head += `${name}: ${value}\r\n`;
  }
  return Buffer.from(`${head}\r\n`, 'latin1');
}

export interface ResponseHead {
  status: number;
  statusText: string;
  /** Names in lower case; repeated fields joined with ", ". */
  headers: Map<string, string>;
  /** Whether the server lets the connection carry another request (keep-alive). */
  keepAlive: boolean;
}

export interface ResponseEvents {
  head(head: ResponseHead): void;
  body(chunk: Buffer): void;
  end(): void;
}

type Framing = { kind: 'length'; remaining: number } | { kind: 'chunked' } | { kind: 'close' };

type ChunkState = 'size' | 'data' | 'data-end' | 'trailers';

/**
 * Reads one response from the bytes fed to it, in whatever pieces they arrive, and calls its
 * events: `head` once the head is in (interim 1xx answers skipped), `body` with pieces of the
 * decoded body (views of the fed bytes, not copies), then `end`. Throws HttpProtocolError on a
 * malformed response.
 */
export class ResponseParser {
  private pendingHead: Buffer[] = [];
  private pendingHeadBytes = 0;
  private framing: Framing | undefined;
  private chunkState: ChunkState = 'size';
  private chunkRemaining = 0;
  private line: Buffer[] = [];
  private lineBytes = 0;
  private done = false;
  // The end is announced once the bytes fed with it are all counted (see trailing).
  private endPending = false;
  private keepAlive = false;
  /** The response's Keep-Alive header, if any (the server's own idle limit). */
  keepAliveHeader: string | undefined;
  /** Bytes that came after the end of the response (nothing should). */
  trailing = 0;

  constructor(
    private readonly method: string,
    private readonly events: ResponseEvents,
  ) {}

  get complete(): boolean {
    return this.done;
  }

  /**
   * Whether the connection may carry another request: the response is whole, delimited by its
   * length or chunks rather than by the connection closing, and the server keeps it alive.
   */
  get reusable(): boolean {
    return this.done && this.keepAlive && this.framing?.kind !== 'close' && this.trailing === 0;
  }

  feed(data: Buffer): void {
    let rest: Buffer | undefined = data;
    while (rest !== undefined && rest.length > 0) {
      if (this.done) {
        this.trailing += rest.length;
        break;
      }
      rest = this.framing === undefined ? this.feedHead(rest) : this.feedBody(rest);
    }
    this.announceEnd();
  }

  private announceEnd(): void {
    if (!this.endPending) return;
    this.endPending = false;
    this.events.end();
  }

  /** The connection closed: ends a body read until close, or says what was cut short. */
  finish(): void {
    if (this.done) return;
    if (this.framing?.kind === 'close') {
      this.end();
      this.announceEnd();
      return;
    }
    throw new IncompleteResponseError(
      this.framing === undefined
        ? 'the connection closed before the response came'
        : this.framing.kind === 'length'
          ? `the connection closed with ${this.framing.remaining} bytes of the response body still to come`
          : 'the connection closed in the middle of a chunked response body',
      this.framing !== undefined || this.pendingHeadBytes > 0,
    );
  }

  private feedHead(data: Buffer): Buffer | undefined {
    // The end of the head may straddle pieces: search from just before the new bytes.
    const previous = this.pendingHeadBytes;
    this.pendingHead.push(data);
    this.pendingHeadBytes += data.length;
    const joined =
      this.pendingHead.length === 1 ? data : Buffer.concat(this.pendingHead, this.pendingHeadBytes);
    const end = joined.indexOf(HEAD_END, Math.max(0, previous - 3));
    if (end < 0) {
      if (this.pendingHeadBytes > MAX_HEAD_BYTES)
        throw new HttpProtocolError(`response head larger than ${MAX_HEAD_BYTES} bytes`);
      this.pendingHead = [joined];
      return undefined;
    }
    if (end > MAX_HEAD_BYTES)
      throw new HttpProtocolError(`response head larger than ${MAX_HEAD_BYTES} bytes`);
    this.pendingHead = [];
    this.pendingHeadBytes = 0;
    const head = parseHead(joined.toString('latin1', 0, end));
    const rest = joined.subarray(end + 4);
    // 1xx answers (100 Continue, 103 Early Hints) precede the real one; 101 we never ask for.
    if (head.status >= 100 && head.status < 200) {
      if (head.status === 101) throw new HttpProtocolError('unexpected 101 Switching Protocols');
      return rest;
    }
    this.framing = framingOf(this.method, head);
    // Both framings at once may be a smuggling attempt: read it, but close after (RFC 9112 6.3).
    const ambiguous = head.headers.has('transfer-encoding') && head.headers.has('content-length');
    this.keepAlive = head.keepAlive && !ambiguous;
    this.keepAliveHeader = head.headers.get('keep-alive');
    this.events.head(head);
    if (this.framing.kind === 'length' && this.framing.remaining === 0) this.end();
    return rest;
  }

  private feedBody(data: Buffer): Buffer | undefined {
    const framing = this.framing!;
    if (framing.kind === 'close') {
      this.events.body(data);
      return undefined;
    }
    if (framing.kind === 'length') {
      const take = Math.min(framing.remaining, data.length);
      framing.remaining -= take;
      this.events.body(take === data.length ? data : data.subarray(0, take));
      if (framing.remaining === 0) this.end();
      return data.subarray(take);
    }
    return this.feedChunked(data);
  }

  private feedChunked(data: Buffer): Buffer | undefined {
    let offset = 0;
    while (offset < data.length && !this.done) {
      if (this.chunkState === 'data') {
        const take = Math.min(this.chunkRemaining, data.length - offset);
        this.events.body(data.subarray(offset, offset + take));
        offset += take;
        this.chunkRemaining -= take;
        if (this.chunkRemaining === 0) this.chunkState = 'data-end';
        continue;
      }
      const lineEnd = this.readLine(data, offset);
      if (lineEnd === undefined) return undefined;
      const line = lineEnd.line;
      offset = lineEnd.next;
      if (this.chunkState === 'data-end') {
        if (line !== '') throw new HttpProtocolError('chunk not followed by CRLF');
        this.chunkState = 'size';
      } else if (this.chunkState === 'size') {
        const size = /^([0-9A-Fa-f]{1,12})[ \t]*(?:;.*)?$/.exec(line);
        if (!size) throw new HttpProtocolError(`invalid chunk size line ${JSON.stringify(line)}`);
        this.chunkRemaining = Number.parseInt(size[1]!, 16);
        this.chunkState = this.chunkRemaining === 0 ? 'trailers' : 'data';
      } else if (line === '') {
        this.end(); // trailers are read and dropped: nothing here needs them
      }
    }
    return data.subarray(offset);
  }

  /** A CRLF-terminated line from `data` at `offset`, joined with what earlier pieces held. */
  private readLine(data: Buffer, offset: number): { line: string; next: number } | undefined {
    const lf = data.indexOf(0x0a, offset);
    if (lf < 0) {
      this.line.push(data.subarray(offset));
      this.lineBytes += data.length - offset;
      if (this.lineBytes > MAX_LINE_BYTES)
        throw new HttpProtocolError(`chunked body line longer than ${MAX_LINE_BYTES} bytes`);
      return undefined;
    }
    this.line.push(data.subarray(offset, lf + 1));
    const whole = Buffer.concat(this.line).toString('latin1');
    this.line = [];
    this.lineBytes = 0;
    if (!whole.endsWith('\r\n')) throw new HttpProtocolError('chunked body line not ended by CRLF');
    return { line: whole.slice(0, -2), next: lf + 1 };
  }

  private end(): void {
    this.done = true;
    this.endPending = true;
  }
}

/**
 * The connection closed before the response was whole. `partial`: some of it had come, so the
 * server did take the request (unlike a kept-alive connection the server had already closed).
 */
export class IncompleteResponseError extends Error {
  override name = 'IncompleteResponseError';
  // What node:http says of a connection gone in the middle: callers retry on it.
  readonly code = 'ECONNRESET';
  constructor(
    message: string,
    readonly partial: boolean,
  ) {
    super(message);
  }
}

function parseHead(text: string): ResponseHead {
  const lines = text.split(CRLF.toString('latin1'));
  const statusLine = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: (.*))?$/.exec(lines[0]!);
  if (!statusLine)
    throw new HttpProtocolError(
      `not an HTTP/1.x status line: ${JSON.stringify(lines[0]!.slice(0, 80))}`,
    );
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon);
    if (colon <= 0 || !TOKEN.test(name))
      throw new HttpProtocolError(`malformed header line ${JSON.stringify(line.slice(0, 80))}`);
    const key = name.toLowerCase();
    const value = line.slice(colon + 1).trim();
    const earlier = headers.get(key);
    headers.set(key, earlier === undefined ? value : `${earlier}, ${value}`);
  }
  const connection = (headers.get('connection') ?? '').toLowerCase();
  const http10 = statusLine[1] === '0';
  return {
    status: Number(statusLine[2]),
    statusText: statusLine[3] ?? '',
    headers,
    keepAlive: http10 ? /\bkeep-alive\b/.test(connection) : !/\bclose\b/.test(connection),
  };
}

/** How the body is delimited (RFC 9112 section 6.3). */
function framingOf(method: string, head: ResponseHead): Framing {
  if (method === 'HEAD' || head.status === 204 || head.status === 304)
    return { kind: 'length', remaining: 0 };
  const transferEncoding = head.headers.get('transfer-encoding');
  if (transferEncoding !== undefined) {
    const codings = transferEncoding
      .toLowerCase()
      .split(',')
      .map((coding) => coding.trim());
    return codings.at(-1) === 'chunked' ? { kind: 'chunked' } : { kind: 'close' };
  }
  const contentLength = head.headers.get('content-length');
  if (contentLength !== undefined) {
    const values = new Set(contentLength.split(',').map((value) => value.trim()));
    const [only] = values;
    if (values.size !== 1 || !/^\d{1,15}$/.test(only!))
      throw new HttpProtocolError(`invalid Content-Length ${JSON.stringify(contentLength)}`);
    return { kind: 'length', remaining: Number(only) };
  }
  return { kind: 'close' };
}
