import crypto from 'node:crypto';
import { expect } from 'chai';
import busboy from 'busboy';
import { boundaryOf, dispositionParams, MalformedMultipart, MultipartScanner, parseMultipart, TooManyParts, type MultipartPart } from '../../src/http/multipart';

const LIMITS = { parts: 40, headerBytes: 16 * 1024 };

interface FormPart { name: string; filename?: string; contentType?: string; data: Buffer | string }
/** A body as browsers and WeChat's uploadFile write it. */
function form(boundary: string, parts: FormPart[], extra: { preamble?: string; epilogue?: string } = {}): Buffer {
  const chunks: Buffer[] = [];
  if (extra.preamble) chunks.push(Buffer.from(`${extra.preamble}\r\n`));
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.contentType ? `Content-Type: ${p.contentType}\r\n` : ''}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n${extra.epilogue ?? ''}`));
  return Buffer.concat(chunks);
}

/** What busboy (the parser multer uses) makes of the same body, fed in small chunks: the oracle. */
function busboyParts(body: Buffer, boundary: string): Promise<MultipartPart[]> {
  return new Promise((resolve, reject) => {
    const parts: MultipartPart[] = [];
    const bb = busboy({ headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, defParamCharset: 'utf8' });
    bb.on('field', (name, value, info) => parts.push({ name, filename: null, contentType: info.mimeType, data: Buffer.from(value) }));
    bb.on('file', (name, stream, info) => {
      const part: MultipartPart = { name, filename: info.filename ?? '', contentType: info.mimeType, data: Buffer.alloc(0) };
      parts.push(part);
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('end', () => { part.data = Buffer.concat(chunks); });
    });
    bb.on('close', () => resolve(parts));
    bb.on('error', reject);
    for (let i = 0; i < body.length; i += 7) bb.write(body.subarray(i, i + 7));
    bb.end();
  });
}

const simple = (parts: MultipartPart[]) => parts.map((p) => ({ name: p.name, filename: p.filename, data: p.data.toString('hex') }));

/** The body fed to a scanner as an upload arrives: chunks of random sizes (at most `most` bytes) copied into one buffer. */
function scanInChunks(body: Buffer, boundary: string, limits = LIMITS, most = 200) {
  const scanner = new MultipartScanner(boundary, limits, { digestFiles: true });
  const into = Buffer.alloc(body.length);
  for (let filled = 0; filled < body.length;) {
    const n = Math.min(body.length - filled, 1 + crypto.randomInt(most));
    body.copy(into, filled, filled, filled + n);
    filled += n;
    scanner.scan(into, filled);
  }
  return scanner.finish(into);
}
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('multipart/form-data parsing', () => {
  it('finds the boundary in a content type, quoted or not', () => {
    expect(boundaryOf('multipart/form-data; boundary=----WebKitFormBoundaryab12')).to.equal('----WebKitFormBoundaryab12');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b;c"')).to.equal('a b;c');
    expect(boundaryOf('multipart/form-data')).to.equal(null);
    expect(boundaryOf(undefined)).to.equal(null);
  });

  it('reads Content-Disposition parameters: quoted, escaped, RFC 5987', () => {
    expect(dispositionParams('form-data; name="photos"; filename="路灯 1.jpg"').params.get('filename')).to.equal('路灯 1.jpg');
    expect(dispositionParams('form-data; name="a;b"; filename="say \\"hi\\".png"').params.get('filename')).to.equal('say "hi".png');
    expect(dispositionParams('form-data; name=plain').params.get('name')).to.equal('plain');
    const both = dispositionParams("form-data; name=\"p\"; filename=\"fallback.jpg\"; filename*=UTF-8''%E5%9B%BE.jpg");
    expect(both.type).to.equal('form-data');
    expect(both.params.get('filename')).to.equal('图.jpg');
  });

  it('gives the fields and files busboy gives, for many random forms', async () => {
    for (let n = 0; n < 60; n++) {
      const boundary = `----weave${crypto.randomBytes(6).toString('hex')}`;
      const parts: FormPart[] = Array.from({ length: 1 + (n % 6) }, (_, i) => (i % 2
        // Files of random bytes, some holding pieces of the boundary and line breaks.
        ? { name: 'photos', filename: `p${i}.jpg`, contentType: 'image/jpeg', data: Buffer.concat([crypto.randomBytes(n * 37 % 500), Buffer.from(`\r\n--${boundary.slice(0, 5)}\r\n-`), crypto.randomBytes(n % 50)]) }
        : { name: `field${i}`, data: `值 ${n}-${i}\r\n第二行` }));
      const body = form(boundary, parts, { preamble: n % 3 ? undefined : 'ignored preamble', epilogue: n % 4 ? '' : 'ignored epilogue' });
      expect(simple(parseMultipart(body, boundary, LIMITS)), `form ${n}`).to.deep.equal(simple(await busboyParts(body, boundary)));
    }
  });

  it('gives the same parts when the body arrives in pieces of any size, with each file\'s SHA-256', () => {
    for (let n = 0; n < 60; n++) {
      const boundary = `----weave${crypto.randomBytes(6).toString('hex')}`;
      const parts: FormPart[] = Array.from({ length: 1 + (n % 6) }, (_, i) => (i % 2
        ? { name: 'photos', filename: `p${i}.jpg`, contentType: 'image/jpeg', data: Buffer.concat([crypto.randomBytes(n * 131 % 3000), Buffer.from(`\r\n--${boundary.slice(0, 9)}\r\n-`), crypto.randomBytes(n % 50)]) }
        : { name: `field${i}`, data: `值 ${n}-${i}` }));
      const body = form(boundary, parts, { preamble: n % 3 ? undefined : 'ignored preamble', epilogue: n % 4 ? '' : 'ignored epilogue' });
      const whole = parseMultipart(body, boundary, LIMITS);
      // Pieces of one byte (a delimiter split everywhere it can be), and of up to 64 bytes.
      for (const most of [1, 64]) {
        const scanned = scanInChunks(body, boundary, LIMITS, most);
        expect(simple(scanned), `form ${n} in pieces of ≤ ${most}`).to.deep.equal(simple(whole));
        expect(scanned.map((p) => p.sha256), `form ${n}`).to.deep.equal(whole.map((p) => (p.filename === null ? null : sha256(p.data))));
      }
    }
  });

  it('gives every file as a view of the body, not a copy', () => {
    const data = crypto.randomBytes(1000);
    const body = form('XYZ', [{ name: 'photos', filename: 'a.jpg', data }]);
    const [part] = parseMultipart(body, 'XYZ', LIMITS);
    expect(part.data.equals(data)).to.equal(true);
    expect(part.data.buffer).to.equal(body.buffer);
    expect(part.contentType).to.equal(null);
  });

  it('keeps empty files, empty fields and a file without a content type', () => {
    const parts = parseMultipart(form('b', [{ name: 'photos', filename: '', data: '' }, { name: 'note', data: '' }]), 'b', LIMITS);
    expect(simple(parts)).to.deep.equal([{ name: 'photos', filename: '', data: '' }, { name: 'note', filename: null, data: '' }]);
  });

  it('accepts transport padding after a boundary', () => {
    const body = Buffer.from('--b  \r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--');
    expect(simple(parseMultipart(body, 'b', LIMITS))).to.deep.equal([{ name: 'a', filename: null, data: Buffer.from('1').toString('hex') }]);
  });

  const malformed: [string, string][] = [
    ['a body cut off inside a file', '--XYZ\r\nContent-Disposition: form-data; name="category"\r\n\r\nroad-damage\r\n--XYZ\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\n\r\n\xff\xd8'],
    ['a body cut off after a boundary', '--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XYZ'],
    ['a body cut off inside the headers', '--XYZ\r\nContent-Disposition: form-da'],
    ['no boundary at all', 'category=road-damage'],
    ['another boundary', '--ABC\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--ABC--'],
    ['a boundary in the middle of a preamble line', 'x--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--XYZ--'],
    ['a part without a name', '--XYZ\r\nContent-Disposition: form-data\r\n\r\n1\r\n--XYZ--'],
    ['a part without Content-Disposition', '--XYZ\r\nContent-Type: text/plain\r\n\r\n1\r\n--XYZ--'],
    ['a header line without a colon', '--XYZ\r\nContent-Disposition form-data; name="a"\r\n\r\n1\r\n--XYZ--'],
    ['an unterminated quoted name', '--XYZ\r\nContent-Disposition: form-data; name="a\r\n\r\n1\r\n--XYZ--'],
    ['an empty body', ''],
  ];
  for (const [what, text] of malformed) {
    it(`refuses ${what}, whole or in pieces`, () => {
      expect(() => parseMultipart(Buffer.from(text, 'latin1'), 'XYZ', LIMITS)).to.throw(MalformedMultipart);
      expect(() => scanInChunks(Buffer.from(text, 'latin1'), 'XYZ', LIMITS, 3)).to.throw(MalformedMultipart);
    });
  }

  it('stops at the limit of parts and of a header block', () => {
    const many = form('b', Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
    expect(parseMultipart(many, 'b', { ...LIMITS, parts: 5 })).to.have.length(5);
    expect(() => parseMultipart(many, 'b', { ...LIMITS, parts: 4 })).to.throw(TooManyParts);
    const longHeader = Buffer.from(`--b\r\nContent-Disposition: form-data; name="a"\r\nX-Long: ${'y'.repeat(2000)}\r\n\r\n1\r\n--b--`);
    expect(() => parseMultipart(longHeader, 'b', { ...LIMITS, headerBytes: 1000 })).to.throw(MalformedMultipart);
    // In pieces, the same: the fault is kept until the body has all arrived.
    expect(() => scanInChunks(many, 'b', { ...LIMITS, parts: 4 }, 5)).to.throw(TooManyParts);
    expect(() => scanInChunks(longHeader, 'b', { ...LIMITS, headerBytes: 1000 }, 5)).to.throw(MalformedMultipart);
  });

  it('accepts transport padding split across pieces, and a close delimiter only right after the boundary', () => {
    const padded = Buffer.from('--b \t \r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--');
    expect(simple(scanInChunks(padded, 'b', LIMITS, 1))).to.deep.equal([{ name: 'a', filename: null, data: Buffer.from('1').toString('hex') }]);
    const dashesAfterPadding = Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b --');
    expect(() => parseMultipart(dashesAfterPadding, 'b', LIMITS)).to.throw(MalformedMultipart);
    expect(() => scanInChunks(dashesAfterPadding, 'b', LIMITS, 1)).to.throw(MalformedMultipart);
  });
});
