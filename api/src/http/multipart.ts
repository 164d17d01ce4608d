// multipart/form-data (RFC 7578) parsed from a body held in memory, as it arrives: the photo uploads. Why not busboy
// (through multer), which the CSV imports still use to stream large files to disk: busboy looks for the
// boundary byte by byte in JavaScript, about 20 ms of the main thread for a 4.6 MB phone photo, a tenth of
// what sharp then spends on it. Here the boundary is found with Buffer#indexOf (native), and every file is a
// view of the body, not a copy. No I/O: the caller reads the body, with a size limit, and hands it over as it comes.
import type crypto from 'node:crypto';
import { sha256Hash } from '../digest';

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
  return new MultipartScanner(boundary, limits).finish(body);
}

const enum At { Opening, Delimiter, Padding, Headers, Data, Closed }

interface Span { name: string; filename: string | null; contentType: string | null; start: number; end: number; sha256: string | null }

/**
 * A multipart body parsed while it arrives. The caller copies each chunk into one buffer and calls
 * `scan(body, filled)` with the bytes present so far; `finish(body)` when all has arrived. The boundary search
 * and (with `digestFiles`) each file's SHA-256 then run on each chunk as it lands, while the rest of the body
 * is still on its way, instead of over the whole 5 MB photo after it. `parseMultipart` is the same scanner
 * given the whole body at once, so both ways give the same parts.
 *
 * A body that is not well formed is not refused before it has all arrived: `scan` notes the first fault and
 * stops, and `finish` throws it, exactly as parsing the complete body would.
 */
export class MultipartScanner {
  private readonly delimiter: Buffer;
  private readonly between: Buffer; // what ends a part's data
  private readonly spans: Span[] = [];
  private at = At.Opening;
  private pos = 0; // the next byte to look at
  private searchFrom = 0; // where the next search for a delimiter starts
  private part: Omit<Span, 'end' | 'sha256'> | null = null;
  private hash: crypto.Hash | null = null;
  private hashedTo = 0;
  private fault: MalformedMultipart | null = null;

  constructor(boundary: string, private readonly limits: MultipartLimits, private readonly options: { digestFiles?: boolean } = {}) {
    this.delimiter = Buffer.from(`--${boundary}`);
    this.between = Buffer.from(`\r\n--${boundary}`);
  }

  /** Bytes [0, filled) of `body` are present (the buffer may be a new, larger one each time). */
  scan(body: Buffer, filled: number): void {
    if (this.fault || this.at === At.Closed) return;
    try {
      this.advance(filled === body.length ? body : body.subarray(0, filled));
    } catch (err) {
      if (!(err instanceof MalformedMultipart)) throw err;
      this.fault = err;
      this.hash = null;
    }
  }

  /** The parts of the whole body; throws MalformedMultipart (TooManyParts) as parseMultipart does. */
  finish(body: Buffer): (MultipartPart & { sha256: string | null })[] {
    this.scan(body, body.length);
    if (this.fault) throw this.fault;
    if (this.at !== At.Closed) {
      throw new MalformedMultipart(this.at === At.Opening ? 'no opening boundary' : this.at === At.Headers ? 'part headers not ended' : 'part not ended (body cut off?)');
    }
    return this.spans.map((s) => ({ name: s.name, filename: s.filename, contentType: s.contentType, data: body.subarray(s.start, s.end), sha256: s.sha256 }));
  }

  private advance(body: Buffer): void {
    const { delimiter, between, limits } = this;
    for (;;) {
      switch (this.at) {
        case At.Opening: {
          // The first delimiter opens the body or follows a preamble line.
          const found = body.indexOf(delimiter, this.searchFrom);
          if (found < 0) { this.searchFrom = Math.max(this.searchFrom, body.length - delimiter.length + 1); return; }
          if (found > 0 && (body[found - 2] !== 0x0d || body[found - 1] !== 0x0a)) throw new MalformedMultipart('no opening boundary');
          this.pos = found + delimiter.length;
          this.at = At.Delimiter;
          break;
        }
        case At.Delimiter: {
          if (this.pos + 2 > body.length) return;
          if (body[this.pos] === DASH && body[this.pos + 1] === DASH) { this.at = At.Closed; return; } // an epilogue may follow
          this.at = At.Padding;
          break;
        }
        case At.Padding: {
          while (body[this.pos] === 0x20 || body[this.pos] === 0x09) this.pos++; // transport padding
          if (this.pos + 2 > body.length) return;
          if (body[this.pos] !== 0x0d || body[this.pos + 1] !== 0x0a) throw new MalformedMultipart('boundary not followed by a line break');
          this.pos += 2;
          if (this.spans.length >= limits.parts) throw new TooManyParts();
          this.at = At.Headers;
          break;
        }
        case At.Headers: {
          const at = this.pos;
          if (at + 2 > body.length) return;
          let headers: Map<string, string>;
          let dataStart: number;
          if (body[at] === 0x0d && body[at + 1] === 0x0a) { headers = new Map(); dataStart = at + 2; } else {
            const end = body.indexOf(HEADERS_END, at);
            if (end < 0) {
              if (body.length - at >= limits.headerBytes + HEADERS_END.length) throw new MalformedMultipart('part headers not ended');
              return;
            }
            if (end - at > limits.headerBytes) throw new MalformedMultipart('part headers not ended');
            headers = parseHeaders(body.subarray(at, end));
            dataStart = end + HEADERS_END.length;
          }
          const disposition = headers.get('content-disposition');
          if (!disposition) throw new MalformedMultipart('part without Content-Disposition');
          const { type, params } = dispositionParams(disposition);
          const name = params.get('name');
          if (type !== 'form-data' || name === undefined) throw new MalformedMultipart('part is not a named form-data field');
          const filename = params.has('filename') ? params.get('filename')! : null;
          this.part = { name, filename, contentType: headers.get('content-type') ?? null, start: dataStart };
          if (this.options.digestFiles && filename !== null) { this.hash = sha256Hash(); this.hashedTo = dataStart; }
          this.pos = this.searchFrom = dataStart;
          this.at = At.Data;
          break;
        }
        case At.Data: {
          const end = body.indexOf(between, this.searchFrom);
          if (end < 0) {
            // No delimiter starts before `safe`: the bytes up to it are the part's, and are hashed now.
            const safe = Math.max(this.searchFrom, body.length - between.length + 1);
            if (this.hash && safe > this.hashedTo) { this.hash.update(body.subarray(this.hashedTo, safe)); this.hashedTo = safe; }
            this.searchFrom = safe;
            return;
          }
          let sha256: string | null = null;
          if (this.hash) {
            if (end > this.hashedTo) this.hash.update(body.subarray(this.hashedTo, end));
            sha256 = this.hash.digest('hex');
            this.hash = null;
          }
          this.spans.push({ ...this.part!, end, sha256 });
          this.part = null;
          this.pos = end + between.length;
          this.at = At.Delimiter;
          break;
        }
        default:
          return;
      }
    }
  }
}
