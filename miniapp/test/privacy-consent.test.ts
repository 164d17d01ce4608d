import { expect } from 'chai'
import {
  AGREE_BUTTON_ID,
  BUNDLED_GUIDE_VERSION,
  CONSENT_STORAGE_KEY,
  createPrivacyGate,
  fallbackFor,
  isPrivacyRefusal,
  needsConsent,
  NO_CONSENT,
  parseServerConsents,
  parseStoredConsent,
  promptText,
  PromptController,
  reasonForApi,
  reconcile,
  type ConsentApi,
  type ManualWay,
  type PrivacyFlow,
  type PrivacyReason,
  type ServerConsents,
  type StoredConsent,
} from '../src/services/privacy-consent'
import { ApiError } from '../src/services/problem'
import { MemoryStorage, NOW } from './helpers'

const V1 = BUNDLED_GUIDE_VERSION
const V2 = '2027-03-01'

function stored(overrides: Partial<StoredConsent> = {}): StoredConsent {
  return { ...NO_CONSENT, ...overrides }
}

function server(overrides: Partial<ServerConsents> = {}): ServerConsents {
  return { currentVersion: V1, agreed: null, needsConsent: true, ...overrides }
}

/** A prompt with a page in view that answers as the script says, and a record of what it was asked. */
function scriptedPrompt(answers: boolean[]) {
  const asked: PrivacyReason[][] = []
  const prompt = new PromptController(async () => {
    throw new Error('no page should be missing')
  })
  prompt.attachHost()
  prompt.subscribe((request) => {
    if (!request) return
    asked.push(request.reasons)
    const answer = answers.shift() ?? false
    setTimeout(() => prompt.answer(answer), 0)
  })
  return { prompt, asked }
}

/** An API that records its calls; signed in unless told otherwise. */
function fakeApi(overrides: Partial<ConsentApi> = {}) {
  const calls: string[] = []
  const api: ConsentApi = {
    signedIn: () => true,
    fetchVersion: async () => {
      calls.push('GET /privacy/guide')
      return V1
    },
    fetchConsents: async () => {
      calls.push('GET /me/consents')
      return { currentVersion: V1, agreed: null, needsConsent: true }
    },
    postConsent: async (version) => {
      calls.push(`POST /me/consents ${version}`)
    },
    deleteConsent: async () => {
      calls.push('DELETE /me/consents')
    },
    ...overrides,
  }
  return { api, calls }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('privacy consent', () => {
  describe('needsConsent', () => {
    const cases: [string, StoredConsent, boolean][] = [
      ['never agreed', stored(), true],
      ['agreed to this build\'s version, the API not heard yet', stored({ agreed: { version: V1, agreedAt: NOW.toISOString() } }), false],
      ['agreed to the version the API names', stored({ agreed: { version: V2, agreedAt: NOW.toISOString() }, currentVersion: V2 }), false],
      ['agreed to an older version than the API names', stored({ agreed: { version: V1, agreedAt: NOW.toISOString() }, currentVersion: V2 }), true],
      ['withdrew', stored({ agreed: null, withdrawnAt: NOW.toISOString(), currentVersion: V1 }), true],
    ]
    for (const [name, state, expected] of cases) {
      it(`${expected ? 'asks' : 'does not ask'} when the resident ${name}`, () => {
        expect(needsConsent(state)).to.equal(expected)
      })
    }

    it('reads stored consent leniently: anything unreadable is no consent', () => {
      expect(parseStoredConsent(null)).to.deep.equal(NO_CONSENT)
      expect(parseStoredConsent('{not json')).to.deep.equal(NO_CONSENT)
      expect(parseStoredConsent('[1,2]')).to.deep.equal(NO_CONSENT)
      expect(parseStoredConsent(JSON.stringify({ agreed: { version: V1 } }))).to.deep.equal(NO_CONSENT)
      expect(parseStoredConsent(JSON.stringify({ agreed: { version: V1, agreedAt: 'x' }, currentVersion: V2 }))).to.deep.equal({
        agreed: { version: V1, agreedAt: 'x' },
        withdrawnAt: null,
        currentVersion: V2,
      })
    })
  })

  describe('reconcile with GET /me/consents', () => {
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString()
    const cases: [string, StoredConsent, ServerConsents, { agreed: string | null; action: string }][] = [
      ['takes over a consent given on another device', stored(), server({ agreed: { version: V1, agreedAt: at(0) }, needsConsent: false }), { agreed: V1, action: 'none' }],
      ['sends a consent given here while signed out', stored({ agreed: { version: V1, agreedAt: at(0) } }), server(), { agreed: V1, action: 'post' }],
      ['sends a withdrawal made here after the account\'s consent', stored({ withdrawnAt: at(5) }), server({ agreed: { version: V1, agreedAt: at(0) }, needsConsent: false }), { agreed: null, action: 'delete' }],
      ['takes over a consent given elsewhere after a withdrawal here', stored({ withdrawnAt: at(0) }), server({ agreed: { version: V1, agreedAt: at(5) }, needsConsent: false }), { agreed: V1, action: 'none' }],
      ['asks again when the guide has a new version', stored({ agreed: { version: V1, agreedAt: at(0) } }), server({ currentVersion: V2, agreed: { version: V1, agreedAt: at(0) }, needsConsent: true }), { agreed: V1, action: 'none' }],
      ['does nothing when neither agreed', stored(), server(), { agreed: null, action: 'none' }],
      ['does nothing when both agreed', stored({ agreed: { version: V1, agreedAt: at(0) } }), server({ agreed: { version: V1, agreedAt: at(1) }, needsConsent: false }), { agreed: V1, action: 'none' }],
    ]
    for (const [name, local, remote, expected] of cases) {
      it(name, () => {
        const result = reconcile(local, remote)
        expect(result.action).to.equal(expected.action)
        expect(result.stored.agreed?.version ?? null).to.equal(expected.agreed)
      })
    }

    it('learns the current version from the answer, so an old consent no longer counts', () => {
      const result = reconcile(stored({ agreed: { version: V1, agreedAt: NOW.toISOString() } }), server({ currentVersion: V2 }))
      expect(result.stored.currentVersion).to.equal(V2)
      expect(needsConsent(result.stored)).to.equal(true)
    })

    it('reads GET /me/consents, deriving needsConsent when it is left out', () => {
      expect(parseServerConsents({ currentVersion: V1, agreed: { version: V1, agreedAt: 't' } })).to.deep.equal({ currentVersion: V1, agreed: { version: V1, agreedAt: 't' }, needsConsent: false })
      expect(parseServerConsents({ currentVersion: V2, agreed: { version: V1, agreedAt: 't' } })?.needsConsent).to.equal(true)
      expect(parseServerConsents('nope')).to.equal(null)
    })
  })

  describe('WeChat', () => {
    const cases: [string | undefined, PrivacyReason][] = [
      ['getLocation', 'location'],
      ['wx.chooseLocation', 'location'],
      ['chooseMedia', 'camera_album'],
      ['chooseImage', 'camera_album'],
      ['scanCode', 'scan'],
      ['getPhoneNumber', 'phone'],
      ['requirePrivacyAuthorize', 'other'],
      [undefined, 'other'],
    ]
    for (const [api, reason] of cases) {
      it(`names ${api ?? 'no interface'} as ${reason}`, () => {
        expect(reasonForApi(api)).to.equal(reason)
      })
    }

    it('tells a privacy refusal from other failures', () => {
      expect(isPrivacyRefusal('getLocation:fail privacy permission is not authorized')).to.equal(true)
      expect(isPrivacyRefusal('chooseMedia:fail api scope is not declared in the privacy agreement')).to.equal(true)
      expect(isPrivacyRefusal('getLocation:fail auth deny')).to.equal(false)
      expect(isPrivacyRefusal('scanCode:fail cancel')).to.equal(false)
    })
  })

  describe('after a refusal', () => {
    const cases: [PrivacyReason, PrivacyFlow, ManualWay, string][] = [
      ['location', 'report', 'type-address', '未同意隐私保护指引，无法获取位置，请手动填写地址'],
      ['location', 'tourism', 'choose-island', '请选择所在海岛'],
      ['location', 'complaint', 'choose-island', '请选择所在海岛'],
      ['camera_album', 'complaint', 'skip-photo', '可不附照片直接提交'],
      ['camera_album', 'report', 'agree-to-add-photo', '至少 1 张现场照片'],
      ['scan', 'residence', 'type-house-code', '手动输入'],
      ['phone', 'landlord', 'later', '需要时可随时再验证'],
    ]
    for (const [reason, flow, way, words] of cases) {
      it(`offers ${way} for ${reason} in ${flow}`, () => {
        const fallback = fallbackFor(reason, flow)
        expect(fallback.way).to.equal(way)
        expect(fallback.message).to.contain(words)
        expect(fallback.message).to.match(/^未同意隐私保护指引/)
      })
    }

    it('says in the prompt what is about to happen, each thing once', () => {
      const text = promptText(['location', 'camera_album', 'location'])
      expect(text).to.contain('获取您的位置、使用相机或相册')
      expect(text.match(/获取您的位置/g)).to.have.length(1)
      expect(text).to.contain('《隐私保护指引》')
      expect(promptText([])).to.contain('处理您的个人信息')
    })
  })

  describe('the prompt', () => {
    it('asks once while a question is open: a second one joins it and gets the same answer', async () => {
      const prompt = new PromptController()
      prompt.attachHost()
      const seen: (PrivacyReason[] | null)[] = []
      prompt.subscribe((r) => seen.push(r ? r.reasons : null))
      const first = prompt.ask('location')
      const second = prompt.ask('camera_album')
      expect(prompt.current()?.reasons).to.deep.equal(['location', 'camera_album'])
      prompt.answer(true)
      expect(await first).to.equal(true)
      expect(await second).to.equal(true)
      expect(prompt.current()).to.equal(null)
      expect(seen).to.deep.equal([['location'], ['location', 'camera_album'], null])
    })

    it('falls back to the system modal when no page can show it', async () => {
      const asked: PrivacyReason[][] = []
      const prompt = new PromptController(async (r) => {
        asked.push(r.reasons)
        return true
      })
      const detach = prompt.attachHost()
      detach()
      detach()
      expect(await prompt.ask('scan')).to.equal(true)
      expect(asked).to.deep.equal([['scan']])
      expect(prompt.current()).to.equal(null)
    })
  })

  describe('the gate', () => {
    it('asks before the first private call, remembers the agreement and tells the account', async () => {
      const storage = new MemoryStorage()
      const { prompt, asked } = scriptedPrompt([true])
      const { api, calls } = fakeApi()
      const gate = createPrivacyGate({ storage, prompt, api, now: () => NOW })
      expect(await gate.requirePrivacy('location')).to.equal(true)
      await flush()
      expect(asked).to.deep.equal([['location']])
      expect(calls).to.deep.equal([`POST /me/consents ${V1}`])
      expect(JSON.parse(storage.map.get(CONSENT_STORAGE_KEY)!)).to.deep.include({ agreed: { version: V1, agreedAt: NOW.toISOString() } })
      // The second private call goes straight through.
      expect(await gate.requirePrivacy('camera_album')).to.equal(true)
      expect(asked).to.have.length(1)
    })

    it('keeps the consent on this device when the API cannot take it (no endpoint yet, offline)', async () => {
      const errors: unknown[] = []
      const { prompt } = scriptedPrompt([true])
      const { api } = fakeApi({
        postConsent: async () => {
          throw new ApiError({ status: 404, type: 'not-found', title: '未找到' })
        },
      })
      const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api, onBackgroundError: (e) => errors.push(e) })
      expect(await gate.requirePrivacy('location')).to.equal(true)
      await flush()
      expect(errors).to.have.length(1)
      expect(gate.agreed()).to.equal(true)
    })

    it('does not tell the API while signed out; the next sync after signing in does', async () => {
      let signedIn = false
      const { prompt } = scriptedPrompt([true])
      const { api, calls } = fakeApi({ signedIn: () => signedIn })
      const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api })
      await gate.requirePrivacy('scan')
      await flush()
      expect(calls).to.deep.equal([])
      signedIn = true
      await gate.sync()
      expect(calls).to.deep.equal(['GET /privacy/guide', 'GET /me/consents', `POST /me/consents ${V1}`])
    })

    it('resolves false on a refusal, stores nothing, and does not ask again by itself until a tap does', async () => {
      const { prompt, asked } = scriptedPrompt([false, true])
      const { api, calls } = fakeApi()
      const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api })
      expect(await gate.requirePrivacy('location', { auto: true })).to.equal(false)
      expect(gate.agreed()).to.equal(false)
      // A page opening again: no question.
      expect(await gate.requirePrivacy('location', { auto: true })).to.equal(false)
      expect(asked).to.have.length(1)
      // The resident taps 「获取当前位置」: asked again.
      expect(await gate.requirePrivacy('location')).to.equal(true)
      expect(asked).to.have.length(2)
      await flush()
      expect(calls).to.deep.equal([`POST /me/consents ${V1}`])
    })

    it('asks again after a withdrawal, and tells the account of the withdrawal', async () => {
      const { prompt, asked } = scriptedPrompt([true, true])
      const { api, calls } = fakeApi()
      const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api })
      await gate.requirePrivacy('location')
      await gate.withdraw()
      expect(gate.agreed()).to.equal(false)
      expect(calls).to.include('DELETE /me/consents')
      await gate.requirePrivacy('location')
      expect(asked).to.have.length(2)
    })

    it('asks again when the API names a new version of the guide', async () => {
      const { prompt, asked } = scriptedPrompt([true, true])
      const { api } = fakeApi({ fetchVersion: async () => V2, fetchConsents: async () => ({ currentVersion: V2, agreed: null, needsConsent: true }) })
      const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api })
      await gate.requirePrivacy('location')
      await flush()
      await gate.sync()
      expect(gate.agreed()).to.equal(false)
      await gate.requirePrivacy('location')
      expect(asked).to.have.length(2)
      expect(gate.state().agreed?.version).to.equal(V2)
    })

    it('learns the new version when the API refuses an outdated one (409)', async () => {
      const { prompt } = scriptedPrompt([true])
      const { api } = fakeApi({
        fetchVersion: async () => V2,
        postConsent: async () => {
          throw new ApiError({ status: 409, type: 'conflict', title: '版本已更新', errors: [{ field: 'version', message: '不是当前版本' }] })
        },
      })
      const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api })
      expect(await gate.requirePrivacy('location')).to.equal(true)
      await flush()
      expect(gate.state().currentVersion).to.equal(V2)
      expect(gate.agreed()).to.equal(false)
    })

    it('takes over a consent the account gave on another device: no question here', async () => {
      const { prompt, asked } = scriptedPrompt([])
      const { api } = fakeApi({ fetchConsents: async () => ({ currentVersion: V1, agreed: { version: V1, agreedAt: NOW.toISOString() }, needsConsent: false }) })
      const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api })
      await gate.sync()
      expect(await gate.requirePrivacy('phone')).to.equal(true)
      expect(asked).to.deep.equal([])
    })

    it('survives an API without the endpoints: sync never rejects and nothing changes', async () => {
      const fail = async () => {
        throw new ApiError({ status: 404, type: 'not-found', title: '未找到' })
      }
      const { prompt } = scriptedPrompt([])
      const storage = new MemoryStorage()
      const gate = createPrivacyGate({ storage, prompt, api: fakeApi({ fetchVersion: fail, fetchConsents: fail }).api })
      await gate.sync()
      expect(gate.state()).to.deep.equal(NO_CONSENT)
    })

    it('forgets everything when the account is deleted', async () => {
      const { prompt } = scriptedPrompt([true])
      const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api: fakeApi().api })
      await gate.requirePrivacy('location')
      gate.reset()
      expect(gate.agreed()).to.equal(false)
      expect(gate.state().withdrawnAt).to.equal(null)
    })

    describe('in WeChat', () => {
      it('also lets WeChat check its own record after our consent', async () => {
        const { prompt } = scriptedPrompt([true])
        let checks = 0
        const wechat = {
          requireAuthorize: async () => {
            checks += 1
            return false
          },
        }
        const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api: fakeApi().api, wechat })
        expect(await gate.requirePrivacy('location')).to.equal(false)
        expect(checks).to.equal(1)
      })

      it('answers onNeedPrivacyAuthorization with the agree button\'s id once the resident agrees', async () => {
        const { prompt, asked } = scriptedPrompt([true])
        const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api: fakeApi().api })
        const resolved: unknown[] = []
        expect(await gate.onWechatNeeds((o) => resolved.push(o), 'getPhoneNumber')).to.equal(true)
        expect(asked).to.deep.equal([['phone']])
        expect(resolved).to.deep.equal([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: AGREE_BUTTON_ID }])
        expect(gate.agreed()).to.equal(true)
      })

      it('answers disagree on a refusal, so the interface fails instead of waiting', async () => {
        const { prompt } = scriptedPrompt([false])
        const gate = createPrivacyGate({ storage: new MemoryStorage(), prompt, api: fakeApi().api })
        const resolved: unknown[] = []
        expect(await gate.onWechatNeeds((o) => resolved.push(o), 'chooseMedia')).to.equal(false)
        expect(resolved).to.deep.equal([{ event: 'exposureAuthorization' }, { event: 'disagree' }])
        expect(gate.agreed()).to.equal(false)
      })

      it('names the reason of the call in flight when WeChat names only requirePrivacyAuthorize', async () => {
        const { prompt, asked } = scriptedPrompt([true])
        const storage = new MemoryStorage()
        storage.set(CONSENT_STORAGE_KEY, JSON.stringify({ agreed: { version: V1, agreedAt: NOW.toISOString() } }))
        let gate: ReturnType<typeof createPrivacyGate>
        const wechat = { requireAuthorize: () => gate.onWechatNeeds(() => undefined, 'requirePrivacyAuthorize') }
        gate = createPrivacyGate({ storage, prompt, api: fakeApi().api, wechat })
        expect(await gate.requirePrivacy('scan')).to.equal(true)
        expect(asked).to.deep.equal([['scan']])
      })
    })
  })
})
