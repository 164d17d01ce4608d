// JsonBytes writes an answer's UTF-8 JSON into one buffer; what it writes must be what JSON.stringify would.
import { expect } from 'chai';
import { JsonBytes } from '../../src/http/json-bytes';

describe('JsonBytes', () => {
  it('writes ASCII, encoded pieces and any text as the UTF-8 of the same JSON', () => {
    const piece = JsonBytes.piece('{"name":"养老保险","due":');
    const out = new JsonBytes(16).ascii('[').bytes(piece).ascii('96000}').ascii(',').text(JSON.stringify({ note: '已缴 ✓' })).ascii(']').done();
    const expected = JSON.stringify([{ name: '养老保险', due: 96000 }, { note: '已缴 ✓' }]);
    expect(out.toString('utf8')).to.equal(expected);
    expect(out.length).to.equal(Buffer.byteLength(expected));
    expect(JSON.parse(out.toString('utf8'))).to.deep.equal(JSON.parse(expected));
  });

  it('grows past its first size without losing what it holds', () => {
    const out = new JsonBytes(8);
    const parts: string[] = [];
    for (let i = 0; i < 2_000; i++) parts.push(i % 3 ? `"第${i}项"` : String(i));
    out.ascii('[');
    parts.forEach((p, i) => { if (i) out.ascii(','); if (i % 3) out.text(p); else out.ascii(p); });
    expect(out.ascii(']').done().toString('utf8')).to.equal(`[${parts.join(',')}]`);
  });
});
