// multipart/form-data (RFC 7578) parsed from a body already held in memory: the photo uploads. Why not busboy
// (through multer), which the CSV imports still use to stream large files to disk: busboy looks for the
// boundary byte by byte in JavaScript, about 20 ms of the main thread for a 4.6 MB phone photo, a tenth of
// what sharp then spends on it. Here the boundary is found with Buffer#indexOf (native), and every file is a
// view of the body, not a copy. Pure: no I/O; the caller reads the body with a size limit first.

export interface MultipartPart {
  /** The form field's name. */
  name: string;
  /** Present (possibly empty) for a file part, null for a text field. */
  filename: string | null;
  contentType: string | null;
  /** The part's bytes: a view of the body, not a copy. */
  data: Buffer;
}

export interface MultipartLimits {
  /** Parts of any kind. */
  parts: number;
  /** Bytes of one part's header block. */
  headerBytes: number;
}

/** Why a body is not well-formed multipart; the caller answers 400. */
export class MalformedMultipart extends Error {}
/** More parts than the limit: the caller answers 422 (as for too many files). */
export class TooManyParts extends MalformedMultipart {}

const HEADERS_END = Buffer.from('\r\n\r\n');
const DASH = 0x2d;

/** The boundary of a multipart/form-data content type (quoted or not), or null. RFC 2046 allows 1–70 characters. */
export function boundaryOf(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;,]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

/**
 * The parameters of a Content-Disposition value, `form-data; name="a"; filename="b.jpg"`. Quoted strings may
 * hold `;` and backslash escapes; `filename*=UTF-8''…` (RFC 5987) wins over `filename`. Values are UTF-8, as
 * WeChat and every current browser send them.
 */
export function dispositionParams(value: string): { type: string; params: Map<string, string> } {
  const params = new Map<string, string>();
  const extended = new Map<string, string>(); // `name*` parameters, which win over their plain twins
  let i = value.indexOf(';');
  const type = (i < 0 ? value : value.slice(0, i)).trim().toLowerCase();
  while (i >= 0 && i < value.length) {
    i++;
    while (value[i] === ' ' || value[i] === '\t') i++;
    const eq = value.indexOf('=', i);
    if (eq < 0) break;
    const key = value.slice(i, eq).trim().toLowerCase();
    let j = eq + 1;
    let text = '';
    if (value[j] === '"') {
      j++;
      while (j < value.length && value[j] !== '"') {
        if (value[j] === '\\' && j + 1 < value.length) j++;
        text += value[j++];
      }
      if (value[j] !== '"') throw new MalformedMultipart('unterminated quoted string');
      i = value.indexOf(';', j + 1);
    } else {
      i = value.indexOf(';', j);
      text = (i < 0 ? value.slice(j) : value.slice(j, i)).trim();
    }
    if (!key.endsWith('*')) params.set(key, text);
    else {
      const m = /^([\w!#$%&+^`{}~-]*)'[^']*'(.*)$/.exec(text);
      // Another charset: the plain parameter stands.
      if (m && (!m[1] || /^utf-8$/i.test(m[1]))) {
        try { extended.set(key.slice(0, -1), decodeURIComponent(m[2])); } catch { throw new MalformedMultipart('bad percent-encoding'); }
      }
    }
  }
  for (const [key, text] of extended) params.set(key, text);
  return { type, params };
}

function parseHeaders(block: Buffer): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.toString('utf8').split('\r\n')) {
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MalformedMultipart('bad part header');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** The parts of a multipart body, in order. Throws MalformedMultipart for anything not well formed, truncation included. */
export function parseMultipart(body: Buffer, boundary: string, limits: MultipartLimits): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const between = Buffer.from(`\r\n--${boundary}`); // what ends a part's data
  const parts: MultipartPart[] = [];
  // The first delimiter opens the body or follows a preamble line.
  let at = body.indexOf(delimiter);
  if (at < 0 || (at > 0 && (body[at - 2] !== 0x0d || body[at - 1] !== 0x0a))) throw new MalformedMultipart('no opening boundary');
  at += delimiter.length;
  for (;;) {
    if (body[at] === DASH && body[at + 1] === DASH) return parts; // the close delimiter; an epilogue may follow
    while (body[at] === 0x20 || body[at] === 0x09) at++; // transport padding
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw new MalformedMultipart('boundary not followed by a line break');
    at += 2;
    if (parts.length >= limits.parts) throw new TooManyParts();
    let dataStart: number;
    let headers: Map<string, string>;
    if (body[at] === 0x0d && body[at + 1] === 0x0a) { headers = new Map(); dataStart = at + 2; } else {
      const end = body.indexOf(HEADERS_END, at);
      if (end < 0 || end - at > limits.headerBytes) throw new MalformedMultipart('part headers not ended');
      headers = parseHeaders(body.subarray(at, end));
      dataStart = end + HEADERS_END.length;
    }
    const dataEnd = body.indexOf(between, dataStart);
    if (dataEnd < 0) throw new MalformedMultipart('part not ended (body cut off?)');
    const disposition = headers.get('content-disposition');
    if (!disposition) throw new MalformedMultipart('part without Content-Disposition');
    const { type, params } = dispositionParams(disposition);
    const name = params.get('name');
    if (type !== 'form-data' || name === undefined) throw new MalformedMultipart('part is not a named form-data field');
    parts.push({ name, filename: params.has('filename') ? params.get('filename')! : null, contentType: headers.get('content-type') ?? null, data: body.subarray(dataStart, dataEnd) });
    at = dataEnd + between.length;
  }
}
