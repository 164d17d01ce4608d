// 居住申报: step 1 the house (scanned, typed, or from the page's `house` / `q` / `scene` parameter) looked up with
// GET /residence/houses/{code}; step 2 身份证号 and 姓名, checked on the phone, then POST /residence/prefill; step 3 the
// prefilled details, corrected, and POST /residence/declarations (one Idempotency-Key per attempt); then 已登记 or 待核查,
// with 接收进度通知 for WeChat subscribe messages.
// The steps' markup lives in ../../components; this page holds the form and the flow between the steps.

import { useEffect, useRef, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useSession } from '../../../../hooks/use-session'
import { cityToday, type Declaration, type Prefill, type ResidenceHouse } from '../../../../services/declarations'
import { isApiError, userMessage } from '../../../../services/http'
import { birthDateOf, maskIdNumber, sexOf } from '../../../../services/id-number'
import { fallbackFor } from '../../../../services/privacy-consent'
import { canScan, fetchHouse, fetchPrefill, scanHouseCode, submitDeclaration } from '../../../../services/residence'
import {
  declarationBody,
  detailsFromPrefill,
  HOUSE_CODE_MESSAGE,
  houseCodeFromParams,
  houseCodeFromScan,
  NOT_A_HOUSE_QR_MESSAGE,
  validateDetails,
  validateIdentity,
  type DetailsDraft,
  type DetailsField,
  type FieldProblem,
  type IdentityDraft,
  type IdentityField,
} from '../../../../services/residence-form'
import DeclareResult from '../../components/declare-result'
import DetailsStep from '../../components/details-step'
import HouseCard from '../../components/house-card'
import HouseStep from '../../components/house-step'
import IdentityStep from '../../components/identity-step'
import PrivacyPrompt from '../../../../components/privacy-prompt'
import SignInCard from '../../../../components/sign-in-card'
import SubscribeCard from '../../../../components/subscribe-card'
import '../../styles/residence.scss'

type Step = 'house' | 'identity' | 'details' | 'done'

const IDENTITY_FIELDS: readonly string[] = ['idNumber', 'name']
const DETAILS_FIELDS: readonly string[] = ['sex', 'birthDate', 'phone', 'moveInDate']

const EMPTY_IDENTITY: IdentityDraft = { idNumber: '', name: '' }
const EMPTY_DETAILS: DetailsDraft = { sex: null, birthDate: '', phone: '', moveInDate: '', moveOutPrevious: false }

function fieldProblems<F extends string>(error: unknown, fields: readonly string[]): FieldProblem<F>[] {
  if (!isApiError(error)) return []
  return error.errors.filter((e) => fields.includes(e.field)).map((e) => ({ field: e.field as F, message: e.message }))
}

function scrollTop() {
  void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
}

export default function DeclarePage() {
  const router = useRouter()
  const session = useSession()
  const linkedCode = useRef(houseCodeFromParams(router.params))
  const [step, setStep] = useState<Step>('house')
  const [codeInput, setCodeInput] = useState(linkedCode.current ?? '')
  const [houseError, setHouseError] = useState<string | null>(null)
  const [looking, setLooking] = useState(false)
  const [scanning, setScanning] = useState(false)
  const [house, setHouse] = useState<ResidenceHouse | null>(null)
  const [identity, setIdentity] = useState<IdentityDraft>(EMPTY_IDENTITY)
  const [identityProblems, setIdentityProblems] = useState<FieldProblem<IdentityField>[]>([])
  const [prefill, setPrefill] = useState<Prefill | null>(null)
  const [details, setDetails] = useState<DetailsDraft>(EMPTY_DETAILS)
  const [phoneOnFile, setPhoneOnFile] = useState<string | null>(null)
  const [detailsProblems, setDetailsProblems] = useState<FieldProblem<DetailsField>[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  // The API answered 409 to the declaration: already declared there (or the same attempt still running).
  const [conflict, setConflict] = useState(false)
  const [result, setResult] = useState<Declaration | null>(null)

  const today = cityToday(new Date())

  async function lookUp(code: string) {
    setLooking(true)
    setHouseError(null)
    setCodeInput(code)
    try {
      const found = await fetchHouse(code)
      if (!found) {
        setHouseError(`未找到房屋编码 ${code}，请核对后重新输入，或联系社区网格员`)
        return
      }
      setHouse(found)
      setError(null)
      setStep('identity')
      scrollTop()
    } catch (err) {
      setHouseError(userMessage(err))
    } finally {
      setLooking(false)
    }
  }

  // A page opened from a house's QR link looks that house up as soon as someone is signed in.
  useEffect(() => {
    if (session && linkedCode.current && !house && step === 'house') void lookUp(linkedCode.current)
  }, [session?.user.id])

  async function scan() {
    setHouseError(null)
    setScanning(true)
    try {
      const scanned = await scanHouseCode()
      if (scanned.kind === 'code') void lookUp(scanned.code)
      else if (scanned.kind === 'unreadable') setHouseError(NOT_A_HOUSE_QR_MESSAGE)
      // Refused the privacy guide: typing the code from the door plate does the same.
      else if (scanned.kind === 'refused') setHouseError(fallbackFor('scan', 'residence').message)
    } catch (err) {
      setHouseError(userMessage(err))
    } finally {
      setScanning(false)
    }
  }

  function lookUpTyped() {
    const code = houseCodeFromScan(codeInput)
    if (!code) {
      setHouseError(codeInput.trim() === '' ? '请输入房屋编码' : HOUSE_CODE_MESSAGE)
      return
    }
    void lookUp(code)
  }

  function changeHouse() {
    setHouse(null)
    setPrefill(null)
    setError(null)
    setStep('house')
    scrollTop()
  }

  function updateIdentity(patch: Partial<IdentityDraft>) {
    setIdentity((d) => ({ ...d, ...patch }))
    // A field's message goes away as soon as the person changes that field.
    setIdentityProblems((list) => list.filter((p) => !(p.field in patch)))
  }

  function updateDetails(patch: Partial<DetailsDraft>) {
    setDetails((d) => ({ ...d, ...patch }))
    setDetailsProblems((list) => list.filter((p) => !(p.field in patch)))
  }

  async function next() {
    if (!house) return
    setError(null)
    const found = validateIdentity(identity, today)
    setIdentityProblems(found)
    if (found.length) return
    setBusy(true)
    try {
      const answer = await fetchPrefill(house.code, identity)
      // The number itself tells sex and birth date: they fill in what the city's records leave out.
      const filled: Prefill = { ...answer, sex: answer.sex ?? sexOf(identity.idNumber), birthDate: answer.birthDate ?? birthDateOf(identity.idNumber) }
      const shown = detailsFromPrefill(filled, today)
      setPrefill(filled)
      setDetails(shown.draft)
      setPhoneOnFile(shown.phoneOnFile)
      setDetailsProblems([])
      setStep('details')
      scrollTop()
    } catch (err) {
      if (isApiError(err) && err.status === 404) {
        setHouse(null)
        setStep('house')
        setHouseError('该房屋已无法申报，请重新扫码或输入房屋编码')
        return
      }
      const problems = fieldProblems<IdentityField>(err, IDENTITY_FIELDS)
      setIdentityProblems(problems)
      if (!problems.length) setError(userMessage(err))
    } finally {
      setBusy(false)
    }
  }

  async function submit() {
    if (!house) return
    setError(null)
    setConflict(false)
    const found = validateDetails(details, today)
    setDetailsProblems(found)
    if (found.length) return
    setBusy(true)
    try {
      const declaration = await submitDeclaration(declarationBody(house.code, identity, details, prefill))
      setResult(declaration)
      // The identity number is not needed any more: it does not stay in the page's memory.
      setIdentity(EMPTY_IDENTITY)
      setDetails(EMPTY_DETAILS)
      setStep('done')
      void Taro.showToast({ title: declaration.status === 'accepted' ? '已登记' : '已提交', icon: 'success' })
      scrollTop()
    } catch (err) {
      const idProblems = fieldProblems<IdentityField>(err, IDENTITY_FIELDS)
      if (idProblems.length) {
        setIdentityProblems(idProblems)
        setStep('identity')
        return
      }
      const problems = fieldProblems<DetailsField>(err, DETAILS_FIELDS)
      setDetailsProblems(problems)
      // Same form, same key: 「提交申报」 again retries this attempt (a lost answer never declares twice).
      if (!problems.length) setError(`申报未能提交：${userMessage(err)}`)
      setConflict(isApiError(err) && err.status === 409)
    } finally {
      setBusy(false)
    }
  }

  const openMine = () => void Taro.redirectTo({ url: '/packages/residence/pages/mine/index' })
  const goHome = () => void Taro.switchTab({ url: '/pages/index/index' })

  return (
    <View className='page residence-declare' role='main'>
      <PrivacyPrompt />
      <View className='rs-title' role='heading' aria-level='1'>
        居住申报
      </View>

      {!session ? (
        <SignInCard prefix='rs' id='residence-sign-in' reason='登录后即可扫码申报居住信息，并随时查看登记状态。' />
      ) : step === 'done' && result ? (
        <>
          <DeclareResult declaration={result} today={today} onOpenMine={openMine} onHome={goHome} />
          <SubscribeCard prefix='rs' moment='after_declaration' about={result.status === 'accepted' ? '申报到期前' : '核查有结果时'} />
        </>
      ) : step === 'house' || !house ? (
        <HouseStep
          canScan={canScan}
          code={codeInput}
          error={houseError}
          looking={looking}
          scanning={scanning}
          onCode={(value) => {
            setCodeInput(value)
            setHouseError(null)
          }}
          onScan={() => void scan()}
          onLookUp={lookUpTyped}
        />
      ) : (
        <>
          <HouseCard house={house} onChange={busy ? undefined : changeHouse} />
          {step === 'identity' || !prefill ? (
            <IdentityStep draft={identity} problems={identityProblems} error={error} busy={busy} onChange={updateIdentity} onNext={() => void next()} />
          ) : (
            <DetailsStep
              name={identity.name.trim()}
              idNumberMasked={maskIdNumber(identity.idNumber)}
              draft={details}
              prefill={prefill}
              phoneOnFile={phoneOnFile}
              today={today}
              problems={detailsProblems}
              error={error}
              onOpenMine={conflict ? openMine : undefined}
              busy={busy}
              onChange={updateDetails}
              onBack={() => {
                setError(null)
                setConflict(false)
                setStep('identity')
              }}
              onSubmit={() => void submit()}
            />
          )}
        </>
      )}
    </View>
  )
}
