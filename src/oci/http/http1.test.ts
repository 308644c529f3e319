import { describe, expect, it } from 'vitest';
import {
  HttpProtocolError,
  IncompleteResponseError,
  MAX_HEAD_BYTES,
  requestHead,
  ResponseParser,
  type ResponseHead,
} from './http1.js';

interface Parsed {
  heads: ResponseHead[];
  body: Buffer;
  ended: boolean;
  parser: ResponseParser;
}

function parserFor(method = 'GET'): Parsed {
  const parsed: Parsed = { heads: [], body: Buffer.alloc(0), ended: false } as unknown as Parsed;
  parsed.parser = new ResponseParser(method, {
    head: (head) => parsed.heads.push(head),
    body: (chunk) => (parsed.body = Buffer.concat([parsed.body, chunk])),
    end: () => (parsed.ended = true),
  });
  return parsed;
}

/** Feeds `text` in pieces of `size` bytes: the parser must not care where they split. */
function feedInPieces(parsed: Parsed, text: string | Buffer, size: number): void {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'latin1');
  for (let offset = 0; offset < bytes.length; offset += size)
    parsed.parser.feed(bytes.subarray(offset, offset + size));
}

describe('requestHead', () => {
  it('writes the request line and headers', () => {
    const head = requestHead('PUT', '/v2/a/b/manifests/t?x=1', {
      host: 'r.example:5000',
      'content-length': '3',
    });
    expect(head.toString('latin1')).toBe(
      'PUT /v2/a/b/manifests/t?x=1 HTTP/1.1\r\nhost: r.example:5000\r\ncontent-length: 3\r\n\r\n',
    );
  });

  it('refuses a header value or name that would smuggle another header', () => {
    expect(() => requestHead('GET', '/', { authorization: 'Bearer x\r\nx-evil: 1' })).toThrow(
      /invalid value for header authorization/,
    );
    expect(() => requestHead('GET', '/', { 'bad name': 'x' })).toThrow(/invalid header name/);
    expect(() => requestHead('GET', '/a b', {})).toThrow(/invalid request target/);
  });

  it('does not put a header value in its error (it may be a secret)', () => {
    expect(() => requestHead('GET', '/', { authorization: 'Basic c2VjcmV0\n' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('c2VjcmV0') }),
    );
  });
});

describe('ResponseParser', () => {
  const withLength =
    'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n' +
    'Docker-Content-Digest: sha256:ab\r\nSet-Thing: a\r\nset-thing: b\r\n\r\nhello world';

  it.each([1, 2, 3, 7, 64, 4096])(
    'reads a Content-Length response fed %i bytes at a time',
    (size) => {
      const parsed = parserFor();
      feedInPieces(parsed, withLength, size);
      expect(parsed.heads).toHaveLength(1);
      const [head] = parsed.heads;
      expect(head!.status).toBe(200);
      expect(head!.statusText).toBe('OK');
      expect(head!.headers.get('content-type')).toBe('application/json');
      expect(head!.headers.get('docker-content-digest')).toBe('sha256:ab');
      expect(head!.headers.get('set-thing')).toBe('a, b');
      expect(parsed.body.toString()).toBe('hello world');
      expect(parsed.ended).toBe(true);
      expect(parsed.parser.reusable).toBe(true);
    },
  );

  const chunked =
    'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n' +
    '5\r\nhello\r\n1;ext=1\r\n \r\n0005\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n';

  it.each([1, 2, 5, 11, 1000])('decodes a chunked body fed %i bytes at a time', (size) => {
    const parsed = parserFor();
    feedInPieces(parsed, chunked, size);
    expect(parsed.body.toString()).toBe('hello world');
    expect(parsed.ended).toBe(true);
    expect(parsed.parser.reusable).toBe(true);
  });

  it('passes binary body bytes through untouched, as views of what was fed', () => {
    const payload = Buffer.from([0, 13, 10, 13, 10, 255, 128, 1]);
    const seen: Buffer[] = [];
    const parser = new ResponseParser('GET', {
      head: () => undefined,
      body: (chunk) => seen.push(chunk),
      end: () => undefined,
    });
    const wire = Buffer.concat([
      Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\n'),
      payload,
    ]);
    parser.feed(wire);
    expect(Buffer.concat(seen)).toEqual(payload);
    expect(seen[0]!.buffer).toBe(wire.buffer);
  });

  it('knows the responses that have no body', () => {
    for (const [method, status] of [
      ['HEAD', '200 OK\r\nContent-Length: 1234'],
      ['GET', '204 No Content'],
      ['GET', '304 Not Modified\r\nContent-Length: 10'],
      ['PUT', '201 Created\r\nContent-Length: 0'],
    ] as const) {
      const parsed = parserFor(method);
      parsed.parser.feed(Buffer.from(`HTTP/1.1 ${status}\r\n\r\n`));
      expect(parsed.ended, `${method} ${status}`).toBe(true);
      expect(parsed.body.length).toBe(0);
      expect(parsed.parser.reusable).toBe(true);
    }
  });

  it('skips interim 1xx answers', () => {
    const parsed = parserFor('PUT');
    feedInPieces(
      parsed,
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n' +
        'HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n',
      4,
    );
    expect(parsed.heads.map((head) => head.status)).toEqual([201]);
    expect(parsed.ended).toBe(true);
  });

  it('reads a body without length until the connection closes, and then does not reuse it', () => {
    const parsed = parserFor();
    parsed.parser.feed(Buffer.from('HTTP/1.1 200 OK\r\n\r\nsome'));
    parsed.parser.feed(Buffer.from(' bytes'));
    expect(parsed.ended).toBe(false);
    parsed.parser.finish();
    expect(parsed.body.toString()).toBe('some bytes');
    expect(parsed.ended).toBe(true);
    expect(parsed.parser.reusable).toBe(false);
  });

  it('does not reuse a connection the server closes or an HTTP/1.0 one', () => {
    for (const head of [
      'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n',
    ]) {
      const parsed = parserFor();
      parsed.parser.feed(Buffer.from(head));
      expect(parsed.ended).toBe(true);
      expect(parsed.parser.reusable).toBe(false);
    }
    const kept = parserFor();
    kept.parser.feed(
      Buffer.from('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n'),
    );
    expect(kept.parser.reusable).toBe(true);
  });

  it('does not reuse a connection that sent more than one response', () => {
    const parsed = parserFor();
    parsed.parser.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nxy'));
    expect(parsed.body.toString()).toBe('x');
    expect(parsed.parser.reusable).toBe(false);
  });

  it('says what was cut short when the connection closes early', () => {
    const beforeHead = parserFor();
    expect(() => beforeHead.parser.finish()).toThrow(
      expect.objectContaining({ code: 'ECONNRESET', partial: false }),
    );
    const inHead = parserFor();
    inHead.parser.feed(Buffer.from('HTTP/1.1 200 OK\r\nConte'));
    expect(() => inHead.parser.finish()).toThrow(IncompleteResponseError);
    expect(() => inHead.parser.finish()).toThrow(expect.objectContaining({ partial: true }));
    const inBody = parserFor();
    inBody.parser.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n1234'));
    expect(() => inBody.parser.finish()).toThrow(/6 bytes of the response body still to come/);
    const inChunks = parserFor();
    inChunks.parser.feed(
      Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab'),
    );
    expect(() => inChunks.parser.finish()).toThrow(/middle of a chunked response body/);
  });

  it.each([
    ['not HTTP', '<html><body>hello</body></html>\r\n\r\n', /not an HTTP\/1.x status line/],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nbroken\r\n\r\n', /malformed header line/],
    [
      'two different lengths',
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      /invalid Content-Length/,
    ],
    [
      'a negative length',
      'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n',
      /invalid Content-Length/,
    ],
    [
      'a bad chunk size',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      /invalid chunk size line/,
    ],
    [
      'a chunk longer than it said',
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n',
      /chunk not followed by CRLF/,
    ],
    ['a 101 never asked for', 'HTTP/1.1 101 Switching Protocols\r\n\r\n', /101/],
  ])('refuses %s', (_, wire, message) => {
    const parsed = parserFor();
    expect(() => parsed.parser.feed(Buffer.from(wire))).toThrow(HttpProtocolError);
    expect(() => parserFor().parser.feed(Buffer.from(wire))).toThrow(message);
  });

  it('reads a response with both Content-Length and chunked by its chunks, then closes', () => {
    const parsed = parserFor();
    parsed.parser.feed(
      Buffer.from(
        'HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n',
      ),
    );
    expect(parsed.body.toString()).toBe('ok');
    expect(parsed.ended).toBe(true);
    expect(parsed.parser.reusable).toBe(false);
  });

  it('announces the end only once the bytes fed with it are counted', () => {
    let reusableAtEnd: boolean | undefined;
    const parser: ResponseParser = new ResponseParser('GET', {
      head: () => undefined,
      body: () => undefined,
      end: () => (reusableAtEnd = parser.reusable),
    });
    parser.feed(
      Buffer.from('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\nokXX'),
    );
    expect(reusableAtEnd).toBe(false);
    expect(parser.keepAliveHeader).toBe('timeout=5');
  });

  it('accepts the same Content-Length repeated', () => {
    const parsed = parserFor();
    parsed.parser.feed(Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\n\r\nok'));
    expect(parsed.body.toString()).toBe('ok');
  });

  it('refuses a head larger than the limit, whole or in pieces', () => {
    const huge = `HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(MAX_HEAD_BYTES)}\r\n\r\n`;
    expect(() => parserFor().parser.feed(Buffer.from(huge))).toThrow(/response head larger/);
    expect(() => feedInPieces(parserFor(), huge, 1000)).toThrow(/response head larger/);
  });
});
