// The only place sharp is used. A photo is decoded (never trusted by its name or content type), limited
// in pixels, turned upright, stripped of every metadata field (GPS included, since sharp writes none
// unless asked), and stored as a display size and a thumbnail made from the display size, whose pixels also give
// the difference hash for near-duplicates.
import sharp from 'sharp';
import { sha256 } from '../../digest';
import { DomainError, Unprocessable } from '../../errors';

export class NotAnImage extends DomainError { readonly kind = 'unsupported-media-type'; }

export interface ProcessedPhoto {
  display: Buffer; thumb: Buffer; width: number; height: number;
  originalSha256: string; displaySha256: string; thumbSha256: string; dhash: string;
}

export interface PhotoLimits { maxPixels: number; displaySide: number; thumbSide: number }
export const DEFAULT_PHOTO_LIMITS: PhotoLimits = { maxPixels: 64_000_000, displaySide: 1600, thumbSide: 320 };

const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'heif']);
export { sha256 };

/**
 * Difference hash of an image's pixels (`channels` bytes per pixel, grey or RGB, alpha ignored): the image in
 * grey (Rec. 601 luma) averaged over a grid of 9 × 8 cells, and each cell compared with the one on its right,
 * 64 bits in hex. Near-identical photos (re-saved, resized, lightly cropped) differ in a few bits. Taken from
 * the thumbnail's pixels as they are made, so a photo needs no third decode for it.
 */
export function dhashOfPixels(px: Uint8Array, width: number, height: number, channels: number): string {
  const sums = new Float64Array(72);
  const counts = new Float64Array(72);
  const column = new Uint8Array(width);
  for (let x = 0; x < width; x++) column[x] = Math.min(8, Math.floor((x * 9) / width));
  const grey = channels < 3;
  for (let y = 0, i = 0; y < height; y++) {
    const row = Math.min(7, Math.floor((y * 8) / height)) * 9;
    for (let x = 0; x < width; x++, i += channels) {
      const cell = row + column[x];
      sums[cell] += grey ? px[i] : 0.299 * px[i] + 0.587 * px[i + 1] + 0.114 * px[i + 2];
      counts[cell]++;
    }
  }
  let hex = '';
  for (let y = 0; y < 8; y++) {
    let nibble = 0;
    for (let x = 0; x < 8; x++) {
      const cell = y * 9 + x;
      const bit = sums[cell] / (counts[cell] || 1) > sums[cell + 1] / (counts[cell + 1] || 1) ? 1 : 0;
      nibble = (nibble << 1) | bit;
      if (x === 3 || x === 7) { hex += nibble.toString(16); nibble = 0; }
    }
  }
  return hex;
}

/** Set bits of a 32-bit integer (the classic SWAR count). */
function popcount32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/**
 * Bits that differ between two 64-bit difference hashes (16 hex digits each). Intake compares a new photo with
 * every report photo of the last 72 hours, thousands in a busy city: two 32-bit halves, not a BigInt loop.
 */
export function hammingDistance(a: string, b: string): number {
  const x = a.padStart(16, '0'), y = b.padStart(16, '0');
  return popcount32((parseInt(x.slice(0, 8), 16) ^ parseInt(y.slice(0, 8), 16)) >>> 0)
    + popcount32((parseInt(x.slice(8, 16), 16) ^ parseInt(y.slice(8, 16), 16)) >>> 0);
}

/** A JPEG's start-of-image marker followed by another marker: the signature by which libvips picks its JPEG loader. */
const isJpeg = (b: Buffer) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

const tooManyPixels = (name: string, limits: PhotoLimits) =>
  new Unprocessable(`${name}像素过多（上限 ${Math.round(limits.maxPixels / 1e6)} 百万像素），请缩小后再传`, 'photo-too-large');

/** `originalSha256`, when given, is the digest the caller already took of `original` (the upload middleware does). */
export async function processPhoto(original: Buffer, limits: PhotoLimits = DEFAULT_PHOTO_LIMITS, name = '照片', originalSha256?: string): Promise<ProcessedPhoto> {
  const options = { limitInputPixels: limits.maxPixels, failOn: 'truncated' as const };
  let format: string | undefined;
  let hasAlpha = false;
  if (isJpeg(original)) {
    // Nearly every photo: sharp reads a JPEG by the same signature, and a JPEG has no alpha, so the header pass
    // below would tell nothing the decode does not. A JPEG that does not decode is corrupt (422), as below.
    format = 'jpeg';
  } else {
    try {
      ({ format, hasAlpha = false } = await sharp(original, options).metadata());
    } catch (err) {
      if (/pixel limit/i.test(String((err as Error).message))) throw tooManyPixels(name, limits);
      throw new NotAnImage(`${name}不是可识别的图片（支持 JPEG、PNG、WebP）`);
    }
  }
  if (!format || !ACCEPTED.has(format)) throw new NotAnImage(`${name}的格式 ${format ?? '未知'} 不受支持（支持 JPEG、PNG、WebP）`);
  try {
    let pipeline = sharp(original, options)
      .rotate()
      .resize({ width: limits.displaySide, height: limits.displaySide, fit: 'inside', withoutEnlargement: true });
    // Only transparent PNG/WebP need a background for JPEG; flattening a photo would cost a pass for nothing.
    if (hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' });
    const display = await pipeline.jpeg({ quality: 82 }).toBuffer({ resolveWithObject: true });
    // The thumbnail's pixels give both its JPEG and the difference hash (taken here while the JPEG is encoded).
    const small = await sharp(display.data).resize({ width: limits.thumbSide, height: limits.thumbSide, fit: 'inside' }).raw().toBuffer({ resolveWithObject: true });
    const { width, height, channels } = small.info;
    const encoding = sharp(small.data, { raw: { width, height, channels } }).jpeg({ quality: 75 }).toBuffer();
    const dhash = dhashOfPixels(small.data, width, height, channels);
    const thumb = await encoding;
    return {
      display: display.data, thumb, width: display.info.width, height: display.info.height,
      originalSha256: originalSha256 ?? sha256(original), displaySha256: sha256(display.data), thumbSha256: sha256(thumb), dhash,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(message)) throw tooManyPixels(name, limits);
    throw new Unprocessable(`${name}已损坏或不完整，请重新拍摄或选择`, 'photo-corrupt');
  }
}
