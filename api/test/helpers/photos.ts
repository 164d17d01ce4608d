// Test photos made with sharp: noisy (so perceptual hashes differ), optionally with EXIF orientation and GPS.
import crypto from 'node:crypto';
import sharp from 'sharp';

export async function noisyJpeg(options: { width?: number; height?: number; seed?: number; orientation?: number; gps?: boolean } = {}): Promise<Buffer> {
  const width = options.width ?? 64, height = options.height ?? 48;
  const raw = Buffer.alloc(width * height * 3);
  // Deterministic noise per seed, with a gradient so the image has structure for the hash.
  const rand = crypto.createHash('sha256').update(String(options.seed ?? 1)).digest();
  for (let i = 0; i < raw.length; i++) raw[i] = (rand[i % 32] * (i % 7) + (i / raw.length) * 255 * ((options.seed ?? 1) % 2 ? 1 : -1)) & 0xff;
  let image = sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 90 });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  if (options.gps) image = image.withExif({ IFD0: { Make: 'WeavePhone', Model: 'Test' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '22/1 33/1 18/1', GPSLongitudeRef: 'E', GPSLongitude: '113/1 52/1 59/1' } });
  return image.toBuffer();
}

/** A flat PNG with more pixels than the limit; small on disk, a decompression bomb when decoded. */
export async function hugePng(width = 10000, height = 7000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080' } }).png({ compressionLevel: 9 }).toBuffer();
}
