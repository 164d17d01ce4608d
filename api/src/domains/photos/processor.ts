// The only place sharp is used. A photo is decoded (never trusted by its name or content type), limited
// in pixels, turned upright, stripped of every metadata field (GPS included, since sharp writes none
// unless asked), and stored as a display size and a thumbnail made from the display size.
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

/** Difference hash: 64 bits from a 9×8 grey image; near-identical photos differ in a few bits. */
async function dhashOf(image: Buffer): Promise<string> {
  const px = await sharp(image).greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  let bits = 0n;
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bits = (bits << 1n) | (px[y * 9 + x] > px[y * 9 + x + 1] ? 1n : 0n);
  return bits.toString(16).padStart(16, '0');
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
    const thumb = await sharp(display.data).resize({ width: limits.thumbSide, height: limits.thumbSide, fit: 'inside' }).jpeg({ quality: 75 }).toBuffer();
    return {
      display: display.data, thumb, width: display.info.width, height: display.info.height,
      originalSha256: originalSha256 ?? sha256(original), displaySha256: sha256(display.data), thumbSha256: sha256(thumb), dhash: await dhashOf(thumb),
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/pixel limit/i.test(message)) throw tooManyPixels(name, limits);
    throw new Unprocessable(`${name}已损坏或不完整，请重新拍摄或选择`, 'photo-corrupt');
  }
}
