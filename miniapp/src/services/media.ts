// The phone's side of snap-and-report: picking and shrinking photos, keeping them for the outbox, reading their bytes,
// and the location. weapp and H5 differ here (docs/STACK "Taro 4 mini-program"); the rules live in report-form.ts.

import Taro from '@tarojs/taro'
import { requirePrivacy } from './privacy'
import { fallbackFor, isPrivacyRefusal } from './privacy-consent'
import { contentTypeForPath, fitWithin, JPEG_QUALITY, locationFailureMessage, type CoordSystem, type DraftPhoto } from './report-form'
import type { QueuedPhoto } from './report-queue'

const isH5 = process.env.TARO_ENV === 'h5'

/** WeChat gives GCJ-02; the browser's geolocation (Taro's H5 getLocation) only WGS-84. */
export const COORD_SYSTEM: CoordSystem = isH5 ? 'wgs84' : 'gcj02'

const LOCATION_TIMEOUT_MS = 15_000

function errMsgOf(error: unknown): string {
  return typeof error === 'object' && error !== null ? String((error as { errMsg?: unknown }).errMsg ?? '') : ''
}

function isCancel(error: unknown): boolean {
  return /cancel|abort/i.test(errMsgOf(error))
}

// ---------- choosing and shrinking ----------

interface RawPick {
  path: string
  size?: number
  type?: string
}

async function pick(count: number): Promise<RawPick[]> {
  if (isH5) {
    // Album only: a file input without `capture` still offers the camera on phones, and Taro's H5 chooser would
    // otherwise ask 「拍摄 / 从相册选择」 in an action sheet of its own first.
    const res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album'] })
    return res.tempFiles.map((f) => ({ path: f.path, size: f.size, type: f.type }))
  }
  const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['album', 'camera'], sizeType: ['compressed'] })
  return res.tempFiles.map((f) => ({ path: f.tempFilePath, size: f.size }))
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('image decode failed'))
    image.src = src
  })
}

/** H5: redraw on a canvas, longest side ≤ 1600 px, JPEG at 0.8. The redraw also drops EXIF, GPS included. */
async function shrinkInBrowser(photo: RawPick): Promise<DraftPhoto> {
  const image = await loadImage(photo.path)
  const size = fitWithin(image.naturalWidth, image.naturalHeight)
  if (size.width === 0) throw new Error('empty image')
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2d context')
  // JPEG has no transparency: a white ground instead of black behind a transparent PNG.
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, size.width, size.height)
  context.drawImage(image, 0, 0, size.width, size.height)
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY))
  if (!blob) throw new Error('canvas export failed')
  URL.revokeObjectURL(photo.path)
  return { path: URL.createObjectURL(blob), contentType: 'image/jpeg', size: blob.size }
}

function fileSize(path: string): number | undefined {
  try {
    const stat = Taro.getFileSystemManager().statSync(path) as { size?: number }
    return typeof stat.size === 'number' ? stat.size : undefined
  } catch {
    return undefined
  }
}

/** weapp: compressImage to the same 1600 px bound (compressedWidth needs base library 2.26; older ones only re-encode). */
async function shrinkInWeapp(photo: RawPick): Promise<DraftPhoto> {
  const info = await Taro.getImageInfo({ src: photo.path })
  const size = fitWithin(info.width, info.height)
  const res = await Taro.compressImage({
    src: photo.path,
    quality: Math.round(JPEG_QUALITY * 100),
    ...(size.scaled ? { compressedWidth: size.width, compressedHeight: size.height } : {}),
  })
  return { path: res.tempFilePath, contentType: contentTypeForPath(res.tempFilePath), size: fileSize(res.tempFilePath) }
}

async function shrink(photo: RawPick): Promise<DraftPhoto> {
  try {
    return isH5 ? await shrinkInBrowser(photo) : await shrinkInWeapp(photo)
  } catch {
    // A format the phone cannot redraw (HEIC in some browsers) goes as it is; the API still checks it.
    return { path: photo.path, contentType: photo.type || contentTypeForPath(photo.path), size: photo.size }
  }
}

export interface ChosenPhotos {
  photos: DraftPhoto[]
  dropped: number
  /** The resident did not agree to the privacy guide: nothing was opened; the page says what to do instead. */
  refused?: boolean
}

/**
 * Lets the person take or choose up to `max` photos and shrinks each on the phone, once they agreed to the privacy
 * guide (the prompt asks first if needed). Resolves [] when they cancel, with `refused` when they refuse the guide.
 * Taro's H5 chooser ignores `count`, so the list is cut to `max` here.
 */
export async function choosePhotos(max: number, onProgress?: (done: number, total: number) => void): Promise<ChosenPhotos> {
  if (max <= 0) return { photos: [], dropped: 0 }
  if (!(await requirePrivacy('camera_album'))) return { photos: [], dropped: 0, refused: true }
  let picked: RawPick[]
  try {
    picked = await pick(max)
  } catch (error) {
    if (isPrivacyRefusal(errMsgOf(error))) return { photos: [], dropped: 0, refused: true }
    if (isCancel(error)) return { photos: [], dropped: 0 }
    throw error
  }
  const kept = picked.slice(0, max)
  if (isH5) for (const extra of picked.slice(max)) URL.revokeObjectURL(extra.path)
  const photos: DraftPhoto[] = []
  for (const photo of kept) {
    onProgress?.(photos.length, kept.length)
    photos.push(await shrink(photo))
  }
  onProgress?.(photos.length, kept.length)
  return { photos, dropped: picked.length - kept.length }
}

/** A thumbnail the person removed: H5 frees its blob (the outbox keeps its own copy of submitted photos). */
export function forgetPhoto(photo: DraftPhoto): void {
  if (isH5 && photo.path.startsWith('blob:')) URL.revokeObjectURL(photo.path)
}

export function previewPhotos(urls: string[], current: string): void {
  void Taro.previewImage({ urls, current }).catch(() => undefined)
}

// ---------- keeping photos for the outbox ----------

const IDB_NAME = 'weave-report-outbox'
const IDB_STORE = 'photos'
const IDB_PREFIX = 'idb:'

function openPhotoDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('no IndexedDB'))
      return
    }
    const open = indexedDB.open(IDB_NAME, 1)
    open.onupgradeneeded = () => open.result.createObjectStore(IDB_STORE)
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => reject(open.error)
  })
}

async function idb<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openPhotoDb()
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = work(db.transaction(IDB_STORE, mode).objectStore(IDB_STORE))
      request.onsuccess = () => resolve(request.result as T)
      request.onerror = () => reject(request.error)
    })
  } finally {
    db.close()
  }
}

function weappOutboxDir(): string {
  return `${Taro.env.USER_DATA_PATH}/report-outbox`
}

function extensionOf(photo: DraftPhoto): string {
  return photo.contentType === 'image/png' ? 'png' : photo.contentType === 'image/webp' ? 'webp' : 'jpg'
}

/**
 * Copies a submission's photos where they outlive the app: the user-data folder in weapp, IndexedDB in H5.
 * When that fails the temporary path is kept: the report is then sent while the app runs, but not after a restart.
 */
export async function keepPhotos(key: string, photos: DraftPhoto[]): Promise<QueuedPhoto[]> {
  const safeKey = key.replace(/[^A-Za-z0-9_-]/g, '_')
  const kept: QueuedPhoto[] = []
  for (const [index, photo] of photos.entries()) {
    const filename = `photo-${index + 1}.${extensionOf(photo)}`
    let ref = photo.path
    try {
      if (isH5) {
        const blob = await (await fetch(photo.path)).blob()
        const id = `${safeKey}/${index}`
        await idb<IDBValidKey>('readwrite', (store) => store.put(blob, id))
        ref = IDB_PREFIX + id
      } else {
        const fs = Taro.getFileSystemManager()
        const dir = weappOutboxDir()
        try {
          fs.mkdirSync(dir, true)
        } catch {
          // Already there.
        }
        const target = `${dir}/${safeKey}-${index}.${extensionOf(photo)}`
        fs.copyFileSync(photo.path, target)
        ref = target
      }
    } catch {
      ref = photo.path
    }
    kept.push({ ref, filename, contentType: photo.contentType })
  }
  return kept
}

/** The bytes of a kept photo: FileSystemManager.readFile in weapp, IndexedDB or fetch(blob URL) in H5. */
export async function readPhoto(ref: string): Promise<ArrayBuffer> {
  if (isH5) {
    if (ref.startsWith(IDB_PREFIX)) {
      const blob = await idb<Blob | undefined>('readonly', (store) => store.get(ref.slice(IDB_PREFIX.length)))
      if (!blob) throw new Error('photo gone')
      return blob.arrayBuffer()
    }
    return (await fetch(ref)).arrayBuffer()
  }
  return new Promise<ArrayBuffer>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: ref,
      success: (res) => (typeof res.data === 'string' ? reject(new Error('read as text')) : resolve(res.data)),
      fail: (res) => reject(new Error(res.errMsg)),
    })
  })
}

/** Deletes kept copies once their report has left the outbox. */
export async function discardPhotos(photos: QueuedPhoto[]): Promise<void> {
  for (const photo of photos) {
    try {
      if (isH5) {
        if (photo.ref.startsWith(IDB_PREFIX)) await idb<undefined>('readwrite', (store) => store.delete(photo.ref.slice(IDB_PREFIX.length)))
      } else if (photo.ref.startsWith(weappOutboxDir())) {
        Taro.getFileSystemManager().unlinkSync(photo.ref)
      }
    } catch {
      // Already gone.
    }
  }
}

// ---------- location ----------

export type LocationResult =
  | { ok: true; lat: number; lng: number; accuracy: number | null; coordSystem: CoordSystem }
  /** `refused`: the resident did not agree to the privacy guide (the page offers the way by hand, fallbackFor). */
  | { ok: false; message: string; denied: boolean; refused: boolean }

/**
 * The phone's position, or a message that sends the person to the manual fields; never throws. The privacy guide is
 * agreed to first (the prompt asks if needed); `auto`: asked by a page as it opens, which does not ask again after a
 * refusal in this run.
 */
export async function locate(options: { auto?: boolean } = {}): Promise<LocationResult> {
  if (!(await requirePrivacy('location', options))) {
    return { ok: false, message: fallbackFor('location', 'report').message, denied: false, refused: true }
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject({ errMsg: 'getLocation:fail timeout' }), LOCATION_TIMEOUT_MS)
  })
  try {
    const res = await Promise.race([Taro.getLocation({ type: COORD_SYSTEM, isHighAccuracy: true, highAccuracyExpireTime: 10_000 }), timeout])
    if (!Number.isFinite(res.latitude) || !Number.isFinite(res.longitude)) throw { errMsg: 'getLocation:fail no position' }
    return { ok: true, lat: res.latitude, lng: res.longitude, accuracy: Number.isFinite(res.accuracy) ? res.accuracy : null, coordSystem: COORD_SYSTEM }
  } catch (error) {
    const errMsg = errMsgOf(error)
    if (isPrivacyRefusal(errMsg)) return { ok: false, message: fallbackFor('location', 'report').message, denied: false, refused: true }
    return { ok: false, message: locationFailureMessage(errMsg), denied: /auth|deny|denied|permission/i.test(errMsg), refused: false }
  } finally {
    if (timer) clearTimeout(timer)
  }
}

/** weapp: the settings page where a refused location permission can be granted again. */
export function openLocationSettings(): void {
  if (!isH5) void Taro.openSetting().catch(() => undefined)
}

export const canOpenSettings = !isH5
