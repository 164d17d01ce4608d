import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { readBody } from '../../src/http/uploads';

class TooLarge extends Error {}

/** A real server that reads each request's body with readBody and answers what it got. */
async function withServer(limit: number, run: (url: URL) => Promise<void>) {
  const server = http.createServer((req, res) => {
    const seen: number[] = [];
    readBody(req, limit, () => new TooLarge(), (_body, filled) => seen.push(filled)).then((body) => {
      res.end(JSON.stringify({ sha256: crypto.createHash('sha256').update(body).digest('hex'), length: body.length, pieces: seen.length, rising: seen.every((n, i) => i === 0 || n > seen[i - 1]) }));
    }, (err) => { res.statusCode = err instanceof TooLarge ? 413 : 400; res.end(); });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try { await run(new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)); } finally { server.close(); }
}

/** The body sent in pieces; with `chunked`, no Content-Length (Transfer-Encoding: chunked). */
function send(url: URL, pieces: Buffer[], chunked: boolean): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const total = pieces.reduce((n, p) => n + p.length, 0);
    const req = http.request(url, { method: 'POST', headers: chunked ? {} : { 'Content-Length': total } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => { const text = Buffer.concat(chunks).toString(); resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : {} }); });
    });
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as NodeJS.ErrnoException).code === 'EPIPE' ? undefined : reject(err)));
    for (const p of pieces) req.write(p);
    req.end();
  });
}

describe('reading an upload body', () => {
  const body = crypto.randomBytes(300_000);
  const pieces = Array.from({ length: 30 }, (_, i) => body.subarray(i * 10_000, (i + 1) * 10_000));
  const digest = crypto.createHash('sha256').update(body).digest('hex');

  it('gives the whole body, with or without a Content-Length, and shows each piece as it arrives', async () => {
    await withServer(1_000_000, async (url) => {
      for (const chunked of [false, true]) {
        const { status, body: got } = await send(url, pieces, chunked);
        expect(status, chunked ? 'chunked' : 'Content-Length').to.equal(200);
        expect(got).to.include({ sha256: digest, length: body.length, rising: true });
        expect(got.pieces as number).to.be.greaterThan(0);
      }
    });
  });

  it('refuses a body over the limit: announced (before reading) or as it arrives without an announcement', async () => {
    await withServer(100_000, async (url) => {
      expect((await send(url, pieces, false)).status).to.equal(413);
      expect((await send(url, pieces, true)).status).to.equal(413);
      // Within the limit, still fine on the same server.
      expect((await send(url, [body.subarray(0, 50_000)], true)).body).to.include({ length: 50_000 });
    });
  });
});
