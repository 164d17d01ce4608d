// Privacy consent (docs/api.md "Privacy guide and consent"): `requirePrivacy(reason)` before every private interface
// (location, camera or album, scanning, the phone number), wired to WeChat's privacy authorisation in the mini-program
// and emulated in H5; the guide and 撤回同意. The rules live in privacy-consent.ts and privacy-view.ts (Taro-free,
// unit-tested); this module injects Taro. 我的数据 and 注销账号: my-data.ts.

import Taro from '@tarojs/taro'
import {
  createPrivacyGate,
  PromptController,
  promptText,
  type PrivacyReason,
  type PromptRequest,
  type RequireOptions,
  type WechatPrivacy,
} from './privacy-consent'
import { parseGuide, type PrivacyGuide } from './privacy-view'
import { ApiError, request, sessions, taroStorage } from './http'

export type { PrivacyReason } from './privacy-consent'

const isWeapp = process.env.TARO_ENV === 'weapp'

export const PRIVACY_PAGES = {
  guide: '/packages/privacy/pages/guide/index',
  data: '/packages/privacy/pages/data/index',
} as const

function badResponse(): ApiError {
  return new ApiError({ status: 502, type: 'bad-response', title: '服务返回的内容无法识别，请稍后重试' })
}

// ---------- WeChat's privacy interfaces (guarded: older base libraries lack them) ----------

interface WxPrivacyApis {
  requirePrivacyAuthorize?: unknown
  onNeedPrivacyAuthorization?: unknown
}

declare const wx: WxPrivacyApis | undefined

function wechatHas(name: keyof WxPrivacyApis): boolean {
  return isWeapp && typeof wx !== 'undefined' && typeof wx?.[name] === 'function' && typeof Taro[name] === 'function'
}

const wechat: WechatPrivacy | null = wechatHas('requirePrivacyAuthorize')
  ? {
      requireAuthorize: () =>
        new Promise<boolean>((resolve) => {
          Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
        }),
    }
  : null

// ---------- the prompt and the gate ----------

/**
 * No page able to show our prompt is in view (a page without one used a private interface): a system modal asks
 * instead. It cannot carry WeChat's agreePrivacyAuthorization button, so every page that uses one renders <PrivacyPrompt />.
 */
async function askWithModal(request: PromptRequest): Promise<boolean> {
  const answer = await Taro.showModal({ title: '隐私保护指引', content: promptText(request.reasons), confirmText: '同意', cancelText: '拒绝' })
  return Boolean(answer.confirm)
}

/** The pending question, shown by <PrivacyPrompt /> on the page in view. */
export const privacyPrompt = new PromptController(askWithModal)

export const privacyGate = createPrivacyGate({
  storage: taroStorage,
  prompt: privacyPrompt,
  wechat,
  api: {
    signedIn: () => sessions.get()?.user.kind === 'resident',
    fetchVersion: async () => parseGuide(await request<unknown>('GET', '/privacy/guide', { auth: false }))?.version ?? null,
    fetchConsents: () => request<unknown>('GET', '/me/consents', { auth: true }),
    postConsent: async (version) => {
      await request<unknown>('POST', '/me/consents', { auth: true, data: { version } })
    },
    deleteConsent: () => request<void>('DELETE', '/me/consents', { auth: true }),
  },
})

/**
 * Resolves true when a private interface may run now: the resident agreed to the current guide before, or agrees in
 * the prompt now. false after a refusal: the page then offers the way by hand (privacy-consent.ts fallbackFor).
 */
export function requirePrivacy(reason: PrivacyReason, options?: RequireOptions): Promise<boolean> {
  return privacyGate.requirePrivacy(reason, options)
}

let started = false

/**
 * Once at launch: WeChat's privacy events go to our prompt, and the consent is brought together with the account at
 * launch and at every sign-in. Nothing here blocks: a missing or unreachable API leaves the consent on this device.
 */
export function startPrivacy(): void {
  if (started) return
  started = true
  if (wechatHas('onNeedPrivacyAuthorization')) {
    Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
      void privacyGate.onWechatNeeds(resolve, eventInfo?.referrer)
    })
  }
  let signedInAs = sessions.get()?.user.id ?? null
  sessions.subscribe((session) => {
    const id = session?.user.id ?? null
    if (id !== null && id !== signedInAs) void privacyGate.sync()
    signedInAs = id
  })
  void privacyGate.sync()
}

// ---------- the guide and 撤回同意 ----------

/** GET /privacy/guide (public); the version it names becomes the one to agree to. */
export async function fetchGuide(): Promise<PrivacyGuide> {
  const guide = parseGuide(await request<unknown>('GET', '/privacy/guide', { auth: false }))
  if (!guide) throw badResponse()
  privacyGate.noteVersion(guide.version)
  return guide
}

/** 撤回同意: forgotten on this device at once, and DELETE /me/consents when signed in. */
export function withdrawConsent(): Promise<void> {
  return privacyGate.withdraw()
}
