// Builds a multipart/form-data body (RFC 7578) as one ArrayBuffer, so a report and all its photos go in ONE request:
// WeChat's uploadFile sends a single file per request. Taro-free (unit-tested); the bytes of each file are read by the caller.

export interface MultipartField {
  name: string
  value: string
}

export interface MultipartFile {
  name: string
  filename: string
  contentType: string
  data: ArrayBuffer | Uint8Array
}

export interface MultipartBody {
  body: ArrayBuffer
  /** The Content-Type header to send with it, boundary included. */
  contentType: string
  boundary: string
}

const CRLF = '\r\n'
const BOUNDARY_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * UTF-8 bytes of a string. Written out because older WeChat base libraries have no TextEncoder;
 * a lone surrogate becomes U+FFFD, as TextEncoder does.
 */
export function utf8Encode(text: string): Uint8Array {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00)
        i++
      } else {
        code = 0xfffd
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      code = 0xfffd
    }
    if (code < 0x80) {
      bytes.push(code)
    } else if (code < 0x800) {
      bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f))
    } else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
    } else {
      bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 0x3f), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f))
    }
  }
  return Uint8Array.from(bytes)
}

/** A boundary of 32 random alphanumerics after a fixed prefix: the chance of meeting it inside a photo is nil. */
export function newBoundary(random: () => number = Math.random): string {
  let tail = ''
  for (let i = 0; i < 32; i++) tail += BOUNDARY_ALPHABET[Math.floor(random() * BOUNDARY_ALPHABET.length) % BOUNDARY_ALPHABET.length]
  return `----WeaveFormBoundary${tail}`
}

/**
 * Quotes a name or filename for Content-Disposition the way browsers do (WHATWG HTML form encoding):
 * `"` → %22, CR → %0D, LF → %0A; other characters, Chinese included, stay as UTF-8.
 */
export function escapeHeaderValue(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function isValidBoundary(boundary: string): boolean {
  // RFC 2046: 1–70 characters; keep to the unquoted-safe subset.
  return /^[0-9A-Za-z'()+_,\-./:=?]{1,70}$/.test(boundary)
}

function toBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data)
}

/** Encodes fields first, then files, in the order given; the API reads them by name. */
export function buildMultipart(fields: readonly MultipartField[], files: readonly MultipartFile[], boundary: string): MultipartBody {
  if (!isValidBoundary(boundary)) throw new Error(`invalid multipart boundary: ${boundary}`)
  const chunks: Uint8Array[] = []
  for (const field of fields) {
    chunks.push(
      utf8Encode(`--${boundary}${CRLF}Content-Disposition: form-data; name="${escapeHeaderValue(field.name)}"${CRLF}${CRLF}`),
      utf8Encode(field.value),
      utf8Encode(CRLF),
    )
  }
  for (const file of files) {
    const contentType = file.contentType.replace(/[\r\n]/g, '') || 'application/octet-stream'
    chunks.push(
      utf8Encode(
        `--${boundary}${CRLF}` +
          `Content-Disposition: form-data; name="${escapeHeaderValue(file.name)}"; filename="${escapeHeaderValue(file.filename)}"${CRLF}` +
          `Content-Type: ${contentType}${CRLF}${CRLF}`,
      ),
      toBytes(file.data),
      utf8Encode(CRLF),
    )
  }
  chunks.push(utf8Encode(`--${boundary}--${CRLF}`))

  let length = 0
  for (const chunk of chunks) length += chunk.byteLength
  const out = new Uint8Array(length)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { body: out.buffer, contentType: `multipart/form-data; boundary=${boundary}`, boundary }
}
