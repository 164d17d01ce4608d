// Consent to the privacy guide (docs/api.md "Privacy guide and consent") before location, camera or album, scanning and
// the phone number: what this device remembers, when the resident must be asked again, what the page offers instead
// after a refusal, and the gate that asks (our own prompt; in WeChat also wx.requirePrivacyAuthorize and
// wx.onNeedPrivacyAuthorization). Taro-free: storage, the prompt, WeChat and the API are injected (privacy.ts wires them).

import type { KeyValueStorage } from './session'

/** The guide's version this build was written against; the API's answer (GET /privacy/guide) takes over once known. */
export const BUNDLED_GUIDE_VERSION = '2026-12-02'

export const CONSENT_STORAGE_KEY = 'weave.privacy'

/** Why a private interface is about to be used: the guide item (`key`) that covers it. */
export type PrivacyReason = 'location' | 'camera_album' | 'scan' | 'phone' | 'other'

// ---------- what this device remembers ----------

export interface ConsentRecord {
  version: string
  agreedAt: string
}

export interface StoredConsent {
  agreed: ConsentRecord | null
  /** When the resident last withdrew on this device; null when they never did (or agreed again since). */
  withdrawnAt: string | null
  /** The guide's current version as the API last said; null before it answered once. */
  currentVersion: string | null
}

export const NO_CONSENT: StoredConsent = { agreed: null, withdrawnAt: null, currentVersion: null }

function optStr(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function obj(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

function parseRecord(value: unknown): ConsentRecord | null {
  const o = obj(value)
  const version = optStr(o?.version)
  const agreedAt = optStr(o?.agreedAt)
  return version && agreedAt ? { version, agreedAt } : null
}

/** The stored JSON, read leniently: anything unreadable is no consent (the resident is asked again, never assumed). */
export function parseStoredConsent(raw: string | null | undefined): StoredConsent {
  if (!raw) return { ...NO_CONSENT }
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return { ...NO_CONSENT }
  }
  const o = obj(value)
  if (!o) return { ...NO_CONSENT }
  return { agreed: parseRecord(o.agreed), withdrawnAt: optStr(o.withdrawnAt), currentVersion: optStr(o.currentVersion) }
}

/** The version the resident has to have agreed to: the API's, or this build's until the API answered. */
export function currentVersionOf(stored: StoredConsent): string {
  return stored.currentVersion ?? BUNDLED_GUIDE_VERSION
}

/** True when a private interface must wait for the resident: never agreed, withdrawn, or agreed to another version. */
export function needsConsent(stored: StoredConsent): boolean {
  return stored.agreed === null || stored.agreed.version !== currentVersionOf(stored)
}

export function agreeTo(stored: StoredConsent, version: string, at: string): StoredConsent {
  return { ...stored, agreed: { version, agreedAt: at }, withdrawnAt: null }
}

export function withdraw(stored: StoredConsent, at: string): StoredConsent {
  return { ...stored, agreed: null, withdrawnAt: at }
}

/** A version announced by the API; a different one than agreed to makes the resident agree again. */
export function withVersion(stored: StoredConsent, version: string | null): StoredConsent {
  return version ? { ...stored, currentVersion: version } : stored
}

// ---------- the API's copy (GET /me/consents) ----------

export interface ServerConsents {
  currentVersion: string | null
  agreed: ConsentRecord | null
  needsConsent: boolean
}

/** GET /me/consents → {currentVersion, agreed: {version, agreedAt} | null, needsConsent}. */
export function parseServerConsents(body: unknown): ServerConsents | null {
  const o = obj(body)
  if (!o) return null
  const currentVersion = optStr(o.currentVersion)
  const agreed = parseRecord(o.agreed)
  const needs = typeof o.needsConsent === 'boolean' ? o.needsConsent : !agreed || agreed.version !== currentVersion
  return { currentVersion, agreed, needsConsent: needs }
}

export type SyncAction = 'none' | 'post' | 'delete'

function instant(iso: string | null | undefined): number {
  const t = iso ? Date.parse(iso) : NaN
  return Number.isNaN(t) ? 0 : t
}

/**
 * This device and the signed-in account brought together. The newer word wins: a consent given on another device is
 * taken over here; one given here while signed out (or offline) is sent (POST); a withdrawal made here after the
 * account's consent is sent (DELETE).
 */
export function reconcile(stored: StoredConsent, server: ServerConsents): { stored: StoredConsent; action: SyncAction } {
  const next = withVersion(stored, server.currentVersion)
  const current = currentVersionOf(next)
  const serverAgreed = server.agreed && server.agreed.version === current && !server.needsConsent ? server.agreed : null
  const localAgreed = next.agreed && next.agreed.version === current ? next.agreed : null
  if (serverAgreed) {
    if (localAgreed) return { stored: next, action: 'none' }
    if (next.withdrawnAt && instant(next.withdrawnAt) >= instant(serverAgreed.agreedAt)) return { stored: next, action: 'delete' }
    return { stored: agreeTo(next, serverAgreed.version, serverAgreed.agreedAt), action: 'none' }
  }
  return { stored: next, action: localAgreed ? 'post' : 'none' }
}

// ---------- WeChat's privacy interfaces ----------

const REASONS_BY_API: Record<string, PrivacyReason> = {
  getLocation: 'location',
  chooseLocation: 'location',
  getFuzzyLocation: 'location',
  startLocationUpdate: 'location',
  startLocationUpdateBackground: 'location',
  chooseMedia: 'camera_album',
  chooseImage: 'camera_album',
  chooseVideo: 'camera_album',
  saveImageToPhotosAlbum: 'camera_album',
  camera: 'camera_album',
  createCameraContext: 'camera_album',
  scanCode: 'scan',
  getPhoneNumber: 'phone',
  getRealtimePhoneNumber: 'phone',
}

/** The guide item behind the interface WeChat names in onNeedPrivacyAuthorization's `referrer`. */
export function reasonForApi(api: string | null | undefined): PrivacyReason {
  if (!api) return 'other'
  const name = api.replace(/^wx\./, '').split(/[:(]/)[0].trim()
  return REASONS_BY_API[name] ?? 'other'
}

/** WeChat's error for an interface the resident did not authorise (resolve({event: 'disagree'}), errno 104). */
export function isPrivacyRefusal(errMsg: string | null | undefined): boolean {
  return /privacy permission is not authorized|privacy agreement|errno:?\s*104\b/i.test(errMsg ?? '')
}

// ---------- the prompt's words ----------

export interface PromptWords {
  /** 「获取您的位置」 */
  need: string
  /** What it is for. */
  purpose: string
}

export const PROMPT_WORDS: Record<PrivacyReason, PromptWords> = {
  location: { need: '获取您的位置', purpose: '用于确定您上报问题的位置和查找附近服务' },
  camera_album: { need: '使用相机或相册', purpose: '用于拍摄或选择上报、投诉的现场照片' },
  scan: { need: '使用相机扫码', purpose: '用于扫描房屋二维码，找到您申报居住的房屋' },
  phone: { need: '获取您的手机号', purpose: '用于核对房东身份、预填居住申报' },
  other: { need: '处理您的个人信息', purpose: '用于提供您正在使用的服务' },
}

/** The prompt's sentence: what is about to happen and that the guide explains it. */
export function promptText(reasons: readonly PrivacyReason[]): string {
  const known = reasons.filter((r, i) => r !== 'other' && reasons.indexOf(r) === i)
  const words = (known.length ? known : ['other' as const]).map((r) => PROMPT_WORDS[r])
  const needs = words.map((w) => w.need).join('、')
  const purposes = words.map((w) => w.purpose).join('；')
  return `Weave 需要${needs}，${purposes}。请先阅读并同意《隐私保护指引》；拒绝后，可改用手动填写等方式继续。`
}

// ---------- after a refusal: the way by hand ----------

/** Where the resident is when they refuse: each flow has its own way by hand. */
export type PrivacyFlow = 'report' | 'tourism' | 'residence' | 'landlord' | 'complaint'

export type ManualWay =
  /** Typed latitude, longitude and address (随手拍). */
  | 'type-address'
  /** The island chosen by hand and a typed place (游客服务). */
  | 'choose-island'
  /** The house code typed from the door plate (居住申报). */
  | 'type-house-code'
  /** Send without photos (投诉: photos are optional). */
  | 'skip-photo'
  /** Photos are required: agreeing is the only way to add them; everything else stays filled in. */
  | 'agree-to-add-photo'
  /** Nothing to do now: verify the phone later. */
  | 'later'

export interface Fallback {
  way: ManualWay
  /** The short Chinese explanation shown where the resident is. */
  message: string
}

const REFUSED: Record<Exclude<PrivacyReason, 'other'>, string> = {
  location: '未同意隐私保护指引，无法获取位置',
  camera_album: '未同意隐私保护指引，无法拍照或从相册选择照片',
  scan: '未同意隐私保护指引，无法扫码',
  phone: '未同意隐私保护指引，无法获取手机号',
}

/** What the page offers when the resident refused `reason` in `flow`: never a dead end. */
export function fallbackFor(reason: PrivacyReason, flow: PrivacyFlow): Fallback {
  const refused = reason === 'other' ? '未同意隐私保护指引' : REFUSED[reason]
  if (reason === 'location') {
    return flow === 'tourism' || flow === 'complaint'
      ? { way: 'choose-island', message: `${refused}，请选择所在海岛并填写事发地点` }
      : { way: 'type-address', message: `${refused}，请手动填写地址（在下方填写纬度、经度和地址）` }
  }
  if (reason === 'camera_album') {
    return flow === 'report'
      ? { way: 'agree-to-add-photo', message: `${refused}。随手拍需要至少 1 张现场照片，同意《隐私保护指引》后即可添加，已填写的内容会保留` }
      : { way: 'skip-photo', message: `${refused}。照片为选填，可不附照片直接提交` }
  }
  if (reason === 'scan') return { way: 'type-house-code', message: `${refused}，请手动输入门牌旁二维码下方的房屋编码` }
  if (reason === 'phone') return { way: 'later', message: `${refused}。需要时可随时再验证` }
  return { way: 'later', message: `${refused}。需要时可再次操作` }
}

// ---------- the prompt: one question at a time, answered by whichever page shows it ----------

export type PromptSource = 'app' | 'wechat'

export interface PromptRequest {
  id: number
  reasons: PrivacyReason[]
  /** 'wechat': raised by wx.onNeedPrivacyAuthorization, answered through the agreePrivacyAuthorization button. */
  source: PromptSource
}

export type PromptListener = (request: PromptRequest | null) => void

/**
 * The one pending question. Pages that can use a private interface render the prompt (a host); a second question
 * while one is open joins it and gets the same answer. With no page able to show it, `fallback` asks instead
 * (a system modal).
 */
export class PromptController {
  private request: PromptRequest | null = null
  private waiting: ((agreed: boolean) => void)[] = []
  private listeners = new Set<PromptListener>()
  private hosts = 0
  private nextId = 1

  constructor(private readonly fallback: (request: PromptRequest) => Promise<boolean> = async () => false) {}

  current(): PromptRequest | null {
    return this.request
  }

  ask(reason: PrivacyReason, source: PromptSource = 'app'): Promise<boolean> {
    if (this.request) {
      if (!this.request.reasons.includes(reason)) this.request = { ...this.request, reasons: [...this.request.reasons, reason] }
      if (source === 'wechat' && this.request.source !== 'wechat') this.request = { ...this.request, source }
      this.emit()
      return new Promise((resolve) => this.waiting.push(resolve))
    }
    const request: PromptRequest = { id: this.nextId++, reasons: [reason], source }
    if (this.hosts === 0) return this.fallback(request).catch(() => false)
    this.request = request
    this.emit()
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  /** The resident's answer (同意 or 拒绝); everyone waiting on the question gets it. */
  answer(agreed: boolean): void {
    const waiting = this.waiting
    this.request = null
    this.waiting = []
    this.emit()
    for (const resolve of waiting) resolve(agreed)
  }

  /** A page that can show the prompt came into view; call the returned function when it leaves. */
  attachHost(): () => void {
    this.hosts += 1
    let attached = true
    return () => {
      if (!attached) return
      attached = false
      this.hosts -= 1
    }
  }

  subscribe(listener: PromptListener): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener(this.request)
  }
}

// ---------- the gate ----------

export interface WechatPrivacy {
  /** wx.requirePrivacyAuthorize: resolves true when WeChat lets private interfaces run (asking through our listener). */
  requireAuthorize(): Promise<boolean>
}

export interface ConsentApi {
  signedIn(): boolean
  /** GET /privacy/guide → its version. */
  fetchVersion(): Promise<string | null>
  /** GET /me/consents. */
  fetchConsents(): Promise<unknown>
  /** POST /me/consents {version}; rejects with status 409 when the version is not the current one. */
  postConsent(version: string): Promise<void>
  /** DELETE /me/consents. */
  deleteConsent(): Promise<void>
}

export interface PrivacyGateDeps {
  storage: KeyValueStorage
  prompt: PromptController
  api: ConsentApi
  /** Only in WeChat, and only when it has requirePrivacyAuthorize. */
  wechat?: WechatPrivacy | null
  now?: () => Date
  /** An API failure nobody waits for (a POST after agreeing): reported, never thrown. */
  onBackgroundError?: (error: unknown) => void
}

export interface RequireOptions {
  /** Asked by the page itself as it opens (not by a tap): after a refusal it does not ask again until a tap does. */
  auto?: boolean
}

export type ConsentListener = (stored: StoredConsent) => void

export interface PrivacyGate {
  /** What this device remembers now. */
  state(): StoredConsent
  /** True when the resident may use private interfaces without being asked. */
  agreed(): boolean
  /** Resolves true when the private interface may run: already agreed, or the resident agrees now. Never rejects. */
  requirePrivacy(reason: PrivacyReason, options?: RequireOptions): Promise<boolean>
  /** Answers a wx.onNeedPrivacyAuthorization event: shows the prompt and calls WeChat's resolve. */
  onWechatNeeds(resolve: (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void, referrer?: string): Promise<boolean>
  /** 撤回同意: forgotten here at once; the account is told when signed in (a failure is retried at the next sync). */
  withdraw(): Promise<void>
  /** The guide's version and the account's consent brought together; never rejects. */
  sync(): Promise<void>
  /** The guide's version as a page just read it (GET /privacy/guide). */
  noteVersion(version: string): void
  /** The account is gone (注销): this device forgets everything, so the next resident is asked afresh. */
  reset(): void
  subscribe(listener: ConsentListener): () => void
}

/** The id of the prompt's 同意 button: WeChat checks that the button named in resolve() was the one tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

export function createPrivacyGate(deps: PrivacyGateDeps): PrivacyGate {
  const { storage, prompt, api } = deps
  const now = deps.now ?? (() => new Date())
  const listeners = new Set<ConsentListener>()
  /** A refusal during this run: a page opening does not ask again until the resident taps something private. */
  let refusedThisRun = false
  /** The reason of the requirePrivacyAuthorize in flight: WeChat then names only that interface as the referrer. */
  let pendingReason: PrivacyReason | null = null
  let syncing: Promise<void> | null = null

  function load(): StoredConsent {
    try {
      return parseStoredConsent(storage.get(CONSENT_STORAGE_KEY))
    } catch {
      return { ...NO_CONSENT }
    }
  }

  function save(next: StoredConsent): void {
    try {
      storage.set(CONSENT_STORAGE_KEY, JSON.stringify(next))
    } catch {
      // Storage full or gone: the consent holds for this run only.
    }
    for (const listener of [...listeners]) listener(next)
  }

  function background(work: () => Promise<unknown>): void {
    work().catch((error) => deps.onBackgroundError?.(error))
  }

  async function learnVersion(): Promise<void> {
    const version = await api.fetchVersion()
    if (version && version !== load().currentVersion) save(withVersion(load(), version))
  }

  function isConflict(error: unknown): boolean {
    return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 409
  }

  /** The account hears of a consent given here; a 409 means the guide changed meanwhile: learn the new version. */
  async function tellAccount(version: string): Promise<void> {
    if (!api.signedIn()) return
    try {
      await api.postConsent(version)
    } catch (error) {
      if (isConflict(error)) await learnVersion()
      else throw error
    }
  }

  function recordAgreement(): void {
    const stored = load()
    const version = currentVersionOf(stored)
    refusedThisRun = false
    save(agreeTo(stored, version, now().toISOString()))
    background(() => tellAccount(version))
  }

  async function requirePrivacy(reason: PrivacyReason, options: RequireOptions = {}): Promise<boolean> {
    try {
      if (needsConsent(load())) {
        if (options.auto && refusedThisRun) return false
        const agreed = await prompt.ask(reason, 'app')
        if (!agreed) {
          refusedThisRun = true
          return false
        }
        // The prompt's listener may have recorded it already (a WeChat-raised question joined this one).
        if (needsConsent(load())) recordAgreement()
      }
      // WeChat keeps its own record (a new privacy type in its console asks again): our listener answers it.
      if (!deps.wechat) return true
      pendingReason = reason
      return await deps.wechat.requireAuthorize()
    } catch {
      return false
    } finally {
      pendingReason = null
    }
  }

  async function onWechatNeeds(
    resolve: (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void,
    referrer?: string,
  ): Promise<boolean> {
    let agreed = false
    try {
      resolve({ event: 'exposureAuthorization' })
    } catch {
      // Older base libraries do not know the event.
    }
    try {
      const named = reasonForApi(referrer)
      agreed = await prompt.ask(named === 'other' && pendingReason ? pendingReason : named, 'wechat')
    } catch {
      agreed = false
    }
    if (agreed) {
      if (needsConsent(load())) recordAgreement()
      resolve({ event: 'agree', buttonId: AGREE_BUTTON_ID })
    } else {
      refusedThisRun = true
      resolve({ event: 'disagree' })
    }
    return agreed
  }

  async function withdrawConsent(): Promise<void> {
    save(withdraw(load(), now().toISOString()))
    if (!api.signedIn()) return
    try {
      await api.deleteConsent()
    } catch (error) {
      // The next sync sends the withdrawal again (it is newer than the account's consent).
      deps.onBackgroundError?.(error)
    }
  }

  async function runSync(): Promise<void> {
    try {
      await learnVersion()
    } catch {
      // Offline or the API without the guide: the last known version (or this build's) stands.
    }
    if (!api.signedIn()) return
    let server: ServerConsents | null = null
    try {
      server = parseServerConsents(await api.fetchConsents())
    } catch {
      return
    }
    if (!server) return
    const { stored, action } = reconcile(load(), server)
    save(stored)
    try {
      if (action === 'post' && stored.agreed) await tellAccount(stored.agreed.version)
      if (action === 'delete') await api.deleteConsent()
    } catch (error) {
      deps.onBackgroundError?.(error)
    }
  }

  function sync(): Promise<void> {
    if (!syncing) {
      syncing = runSync().finally(() => {
        syncing = null
      })
    }
    return syncing
  }

  return {
    state: load,
    agreed: () => !needsConsent(load()),
    requirePrivacy,
    onWechatNeeds,
    withdraw: withdrawConsent,
    sync,
    noteVersion(version) {
      if (version && version !== load().currentVersion) save(withVersion(load(), version))
    },
    reset() {
      refusedThisRun = false
      save({ ...NO_CONSENT, currentVersion: load().currentVersion })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
  }
}
