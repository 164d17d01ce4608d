import { expect } from 'chai'
import { buildMultipart, escapeHeaderValue, newBoundary, utf8Encode } from '../src/services/multipart'

const B = '----WeaveFormBoundaryTEST'

function text(body: ArrayBuffer): string {
  return Buffer.from(body).toString('utf8')
}

describe('multipart body', () => {
  it('encodes text fields and a file exactly as RFC 7578 lays them out, with CRLF line ends', () => {
    const photo = Uint8Array.from([0xff, 0xd8, 0x0d, 0x0a, 0x00, 0xff, 0xd9])
    const { body, contentType, boundary } = buildMultipart(
      [
        { name: 'category', value: 'road-damage' },
        { name: 'anonymous', value: 'false' },
      ],
      [{ name: 'photos', filename: 'photo-1.jpg', contentType: 'image/jpeg', data: photo }],
      B,
    )
    expect(boundary).to.equal(B)
    expect(contentType).to.equal(`multipart/form-data; boundary=${B}`)
    const expected = Buffer.concat([
      Buffer.from(
        `--${B}\r\nContent-Disposition: form-data; name="category"\r\n\r\nroad-damage\r\n` +
          `--${B}\r\nContent-Disposition: form-data; name="anonymous"\r\n\r\nfalse\r\n` +
          `--${B}\r\nContent-Disposition: form-data; name="photos"; filename="photo-1.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
        'utf8',
      ),
      Buffer.from(photo),
      Buffer.from(`\r\n--${B}--\r\n`, 'utf8'),
    ])
    expect(Buffer.from(body).equals(expected)).to.equal(true)
  })

  it('keeps file bytes untouched, CR, LF, NUL and 0xFF included, and puts several files under one field name', () => {
    const a = new Uint8Array(256).map((_, i) => i)
    const b = Uint8Array.from([13, 10, 13, 10, 45, 45])
    const { body } = buildMultipart(
      [],
      [
        { name: 'photos', filename: 'photo-1.jpg', contentType: 'image/jpeg', data: a.buffer },
        { name: 'photos', filename: 'photo-2.png', contentType: 'image/png', data: b },
      ],
      B,
    )
    const buf = Buffer.from(body)
    const header1 = Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="photos"; filename="photo-1.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`)
    const start1 = buf.indexOf(header1) + header1.length
    expect(buf.subarray(start1, start1 + 256).equals(Buffer.from(a))).to.equal(true)
    expect(buf.subarray(start1 + 256, start1 + 258).toString('latin1')).to.equal('\r\n')
    const header2 = Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="photos"; filename="photo-2.png"\r\nContent-Type: image/png\r\n\r\n`)
    const start2 = buf.indexOf(header2) + header2.length
    expect(buf.subarray(start2, start2 + 6).equals(Buffer.from(b))).to.equal(true)
    expect(buf.subarray(start2 + 6).toString('latin1')).to.equal(`\r\n--${B}--\r\n`)
    expect(text(body).split(`--${B}\r\n`)).to.have.length(3)
  })

  it('writes Chinese field values and file names as UTF-8', () => {
    const description = '井盖缺失，行人易跌落。\n请尽快处理！'
    const { body } = buildMultipart(
      [
        { name: 'description', value: description },
        { name: 'address', value: '宝安区西乡街道河东社区 12 号' },
      ],
      [{ name: 'photos', filename: '现场.jpg', contentType: 'image/jpeg', data: new Uint8Array([1]) }],
      B,
    )
    const buf = Buffer.from(body)
    expect(buf.includes(Buffer.from(description, 'utf8'))).to.equal(true)
    expect(buf.includes(Buffer.from('宝安区西乡街道河东社区 12 号', 'utf8'))).to.equal(true)
    expect(buf.includes(Buffer.from('filename="现场.jpg"', 'utf8'))).to.equal(true)
    expect(text(body)).to.contain(`name="description"\r\n\r\n${description}\r\n--${B}`)
  })

  it('escapes quotes and line breaks in names the way browsers do, so a name cannot break the headers', () => {
    expect(escapeHeaderValue('a"b\r\nc')).to.equal('a%22b%0D%0Ac')
    const { body } = buildMultipart([], [{ name: 'photos', filename: 'x"\r\nContent-Type: text/html.jpg', contentType: 'image/jpeg', data: new Uint8Array(0) }], B)
    expect(text(body)).to.contain('filename="x%22%0D%0AContent-Type: text/html.jpg"\r\nContent-Type: image/jpeg\r\n')
  })

  it('ends with the closing delimiter even with no parts', () => {
    expect(text(buildMultipart([], [], B).body)).to.equal(`--${B}--\r\n`)
  })

  it('refuses a boundary that RFC 2046 does not allow', () => {
    expect(() => buildMultipart([], [], 'has space')).to.throw(/boundary/)
    expect(() => buildMultipart([], [], 'x'.repeat(71))).to.throw(/boundary/)
    expect(() => buildMultipart([], [], '')).to.throw(/boundary/)
  })

  describe('boundary', () => {
    it('is a fixed prefix and 32 random alphanumerics, within the 70-character limit', () => {
      const boundary = newBoundary()
      expect(boundary).to.match(/^----WeaveFormBoundary[0-9A-Za-z]{32}$/)
      expect(boundary.length).to.be.at.most(70)
    })

    it('is new for every body (a retry may use a new boundary: the API treats it as the same request)', () => {
      expect(newBoundary()).to.not.equal(newBoundary())
    })

    it('uses the injected randomness, even at its edge', () => {
      expect(newBoundary(() => 0)).to.equal(`----WeaveFormBoundary${'0'.repeat(32)}`)
      expect(newBoundary(() => 0.9999999999)).to.equal(`----WeaveFormBoundary${'z'.repeat(32)}`)
    })
  })

  describe('UTF-8', () => {
    const cases: [string, string][] = [
      ['ASCII', 'lat=22.5'],
      ['two-byte', 'é ß'],
      ['Chinese (three bytes each)', '随手拍：道路破损'],
      ['emoji (surrogate pair, four bytes)', '🚧 施工'],
      ['empty', ''],
    ]
    for (const [name, input] of cases) {
      it(`matches Node's encoder: ${name}`, () => {
        expect(Buffer.from(utf8Encode(input)).equals(Buffer.from(input, 'utf8'))).to.equal(true)
      })
    }

    it('turns a lone surrogate into U+FFFD, as TextEncoder does', () => {
      expect([...utf8Encode('a\ud800b')]).to.deep.equal([0x61, 0xef, 0xbf, 0xbd, 0x62])
      expect([...utf8Encode('\udc00')]).to.deep.equal([0xef, 0xbf, 0xbd])
      expect([...utf8Encode('x\ud83d')]).to.deep.equal([0x78, 0xef, 0xbf, 0xbd])
    })
  })
})
