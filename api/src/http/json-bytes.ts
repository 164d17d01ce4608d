// JsonBytes: an answer's UTF-8 JSON written straight into a buffer, for the hottest reads. Their answers are
// mostly pieces that never change (a place's view, an insurance type's name), encoded once when they are made;
// a request copies those bytes and writes its few numbers beside them. Building the same answer as a string
// makes V8 hold it as two-byte text (it has Chinese in it) and then encode all of it to UTF-8 again, on
// every request.

export class JsonBytes {
  private buf: Buffer;
  private at = 0;

  constructor(sizeHint = 8192) {
    this.buf = Buffer.allocUnsafe(sizeHint);
  }

  /** ASCII text (JSON punctuation, numbers, codes): one byte per character. */
  ascii(text: string): this {
    this.room(text.length);
    this.at += this.buf.write(text, this.at, 'latin1');
    return this;
  }

  /** Bytes already encoded, e.g. a piece made once with `JsonBytes.piece`. */
  bytes(piece: Uint8Array): this {
    this.room(piece.length);
    this.buf.set(piece, this.at);
    this.at += piece.length;
    return this;
  }

  /** Any text, encoded as UTF-8. */
  text(text: string): this {
    this.room(text.length * 3);
    this.at += this.buf.write(text, this.at, 'utf8');
    return this;
  }

  /** The answer: a view of the bytes written (no copy). */
  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }

  /** A piece of JSON encoded once, to be copied into many answers. */
  static piece(json: string): Buffer {
    return Buffer.from(json, 'utf8');
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    grown.set(this.buf.subarray(0, this.at));
    this.buf = grown;
  }
}
