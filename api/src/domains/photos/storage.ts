// Where photo files live. Local disk by default; an S3-compatible store implements the same interface.
import fs from 'node:fs/promises';
import path from 'node:path';

export interface PhotoStorage {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/_-]*\.(jpg|png)$/;

export class LocalDiskStorage implements PhotoStorage {
  /** Directories made by this instance (keys share a few, by day): each is made once, not before every file. */
  private readonly made = new Set<string>();
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`unsafe storage key: ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.file(key);
    const dir = path.dirname(file);
    if (!this.made.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      this.made.add(dir);
    }
    // Write then rename: a crash never leaves a half-written photo under its final name.
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await fs.writeFile(tmp, data);
    } catch (err) {
      // The directory was removed behind our back: make it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(tmp, data);
    }
    await fs.rename(tmp, file);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.file(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.file(key), { force: true });
  }
}
