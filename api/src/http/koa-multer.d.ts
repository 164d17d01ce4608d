// @koa/multer ships no types; this is the part src/http/uploads.ts and file-upload.ts use.
declare module '@koa/multer' {
  import type Koa from 'koa';
  interface Limits { fileSize?: number; files?: number; fields?: number; fieldSize?: number; parts?: number }
  interface Instance { array(field: string, maxCount?: number): Koa.Middleware; single(field: string): Koa.Middleware }
  interface Multer {
    (options: { storage: unknown; limits?: Limits }): Instance;
    memoryStorage(): unknown;
    diskStorage(options: { destination: string }): unknown;
  }
  const multer: Multer;
  export default multer;
}
