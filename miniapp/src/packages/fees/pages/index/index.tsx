// 社保查询: an account not yet bound (GET /me/insured 404) gets 绑定参保人 (身份证号 with its check digit checked here,
// 姓名; the city's real-name check decides); a bound one chooses a year (this year and the four before) and reads its
// totals, 怎么办 for arrears or a refund, and the months with data, newest first, each with its types. 开具缴费证明
// issues a certificate for the whole year and shows its verification code, which can be copied.

import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import ActionButton from '../../../../components/action-button'
import { useSession } from '../../../../hooks/use-session'
import { formatDateTime } from '../../../../services/events'
import {
  cityDate,
  clipboardText,
  groupMonths,
  validateBind,
  yearChoices,
  yearRange,
  type BindDraft,
  type BindField,
  type BindProblem,
  type Binding,
  type Certificate,
  type Fees,
} from '../../../../services/fee-view'
import { apiOrigin, bindInsured, fetchBinding, fetchFees, issueCertificate } from '../../../../services/fees'
import { isApiError, userMessage } from '../../../../services/http'
import BindForm from '../../components/bind-form'
import CertificateCard from '../../components/certificate-card'
import MonthCard from '../../components/month-card'
import SignInCard from '../../../../components/sign-in-card'
import YearPicker from '../../components/year-picker'
import YearSummary from '../../components/year-summary'
import '../../styles/fees.scss'

const EMPTY_DRAFT: BindDraft = { idNumber: '', name: '' }
const BIND_FIELDS: readonly string[] = ['idNumber', 'name']
const UNBOUND_MESSAGE = '该账号尚未绑定参保人，请先绑定。'

function fieldProblems(error: unknown): BindProblem[] {
  if (!isApiError(error)) return []
  return error.errors.filter((e) => BIND_FIELDS.includes(e.field)).map((e) => ({ field: e.field as BindField, message: e.message }))
}

export default function FeesPage() {
  const session = useSession()
  const today = cityDate(new Date())
  const years = yearChoices(today)
  const [year, setYear] = useState(years[0])
  /** undefined until GET /me/insured has answered; null when the account is not bound. */
  const [binding, setBinding] = useState<Binding | null | undefined>(undefined)
  const [fees, setFees] = useState<{ year: number; fees: Fees } | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const [draft, setDraft] = useState<BindDraft>(EMPTY_DRAFT)
  const [problems, setProblems] = useState<BindProblem[]>([])
  const [bindError, setBindError] = useState<string | null>(null)
  const [bindBusy, setBindBusy] = useState(false)

  const [certificate, setCertificate] = useState<Certificate | null>(null)
  const [certBusy, setCertBusy] = useState(false)
  const [certError, setCertError] = useState<string | null>(null)
  const [copied, setCopied] = useState<string | null>(null)

  // Only the latest load may write: switching years quickly must not show an older year's answer.
  const latest = useRef(0)

  function unbound() {
    setBinding(null)
    setFees(null)
    setCertificate(null)
  }

  /** GET /me/fees for one year (the binding already known). */
  async function loadFees(forYear: number) {
    const mine = ++latest.current
    setLoading(true)
    setError(null)
    try {
      const result = await fetchFees(yearRange(forYear))
      if (mine !== latest.current) return
      if (result) setFees({ year: forYear, fees: result })
      else {
        unbound()
        setNotice(UNBOUND_MESSAGE)
      }
    } catch (err) {
      if (mine === latest.current) setError(userMessage(err))
    } finally {
      if (mine === latest.current) setLoading(false)
    }
  }

  /** The binding, then the chosen year's fees. */
  async function load() {
    if (!session) return
    const mine = ++latest.current
    setLoading(true)
    setError(null)
    try {
      const found = await fetchBinding()
      if (mine !== latest.current) return
      if (!found) {
        unbound()
        return
      }
      setBinding(found)
      await loadFees(year)
    } catch (err) {
      if (mine === latest.current) setError(userMessage(err))
    } finally {
      if (mine === latest.current) setLoading(false)
      Taro.stopPullDownRefresh()
    }
  }

  useEffect(() => {
    latest.current++
    setBinding(undefined)
    setFees(null)
    setCertificate(null)
    setNotice(null)
    setError(null)
    if (session) void load()
  }, [session?.user.id])

  // Back on the page (after paying elsewhere, say): show the figures as they are now.
  const shownOnce = useRef(false)
  useDidShow(() => {
    if (shownOnce.current && session) void load()
    shownOnce.current = true
  })

  usePullDownRefresh(() => {
    if (session) void load()
    else Taro.stopPullDownRefresh()
  })

  function chooseYear(next: number) {
    setYear(next)
    setCertificate(null)
    setCertError(null)
    setCopied(null)
    void loadFees(next)
  }

  async function bind() {
    const found = validateBind(draft, today)
    setProblems(found)
    setBindError(null)
    if (found.length > 0) return
    setBindBusy(true)
    try {
      const bound = await bindInsured(draft)
      setBinding(bound)
      // The full number is not kept on the phone once it has served.
      setDraft(EMPTY_DRAFT)
      setProblems([])
      setNotice(`已绑定参保人 ${bound.name}（${bound.idNumberMasked}）`)
      void Taro.showToast({ title: '绑定成功', icon: 'success' })
      await loadFees(year)
    } catch (err) {
      setProblems(fieldProblems(err))
      setBindError(userMessage(err))
    } finally {
      setBindBusy(false)
    }
  }

  async function issue() {
    setCertBusy(true)
    setCertError(null)
    setCopied(null)
    try {
      setCertificate(await issueCertificate(yearRange(year)))
    } catch (err) {
      if (isApiError(err) && err.status === 404) {
        unbound()
        setNotice(UNBOUND_MESSAGE)
      } else {
        setCertError(userMessage(err))
      }
    } finally {
      setCertBusy(false)
    }
  }

  async function copy() {
    if (!certificate) return
    try {
      await Taro.setClipboardData({ data: clipboardText(certificate, apiOrigin()) })
      setCopied('已复制核验码和核验地址')
    } catch {
      setCopied('复制失败，请长按核验码手动复制')
    }
  }

  const shown = binding && fees && fees.year === year ? fees.fees : null
  const months = shown ? groupMonths(shown.months) : []

  return (
    <View className='page fees' role='main'>
      <View className='fs-split fs-top'>
        <View className='fs-title' role='heading' aria-level='1'>
          社保查询
        </View>
        {session && (
          <ActionButton id='fees-refresh' className='btn btn--secondary btn--small' label='刷新缴费记录' loading={loading} onTap={() => void load()}>
            刷新
          </ActionButton>
        )}
      </View>

      {!session ? (
        <SignInCard prefix='fs' id='fees-sign-in' reason='登录并绑定参保人后，可查询社保缴费、欠费和退费情况，并开具缴费证明。' />
      ) : (
        <>
          {notice && (
            <View className='fs-notice fs-block-notice' role='status' id='fees-notice'>
              {notice}
            </View>
          )}
          {error && (
            <View className='alert fs-block-notice' role='alert' id='fees-error'>
              {error}
            </View>
          )}

          {binding === undefined ? (
            !error && (
              <View className='fs-empty' role='status'>
                正在加载…
              </View>
            )
          ) : binding === null ? (
            <BindForm
              draft={draft}
              problems={problems}
              error={bindError}
              busy={bindBusy}
              onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))}
              onSubmit={() => void bind()}
            />
          ) : (
            <>
              <View className='fs-card' role='region' aria-labelledby='insured-heading' id='insured-person'>
                <View className='fs-heading' role='heading' aria-level='2' id='insured-heading'>
                  参保人
                </View>
                <View className='fs-row'>
                  <Text className='fs-row__label'>姓名</Text>
                  <Text className='fs-row__value' id='insured-person-name'>
                    {binding.name}
                  </Text>
                </View>
                <View className='fs-row'>
                  <Text className='fs-row__label'>身份证号</Text>
                  <Text className='fs-row__value fs-code' id='insured-person-id'>
                    {binding.idNumberMasked}
                  </Text>
                </View>
                {binding.boundAt && (
                  <View className='fs-row'>
                    <Text className='fs-row__label'>绑定时间</Text>
                    <Text className='fs-row__value'>{formatDateTime(binding.boundAt)}</Text>
                  </View>
                )}
                <YearPicker years={years} value={year} disabled={certBusy} onChange={chooseYear} />
                <Text className='fs-hint fs-data-note'>应缴为社保经办机构核定的金额，已缴为税务部门征收的金额；“在途”表示税务已征收、财政尚未到账。</Text>
              </View>

              {shown ? (
                <>
                  <YearSummary year={year} totals={shown.totals} today={today} />
                  <CertificateCard
                    year={year}
                    certificate={certificate}
                    busy={certBusy}
                    error={certError}
                    copied={copied}
                    onIssue={() => void issue()}
                    onCopy={() => void copy()}
                  />
                  <View role='region' aria-labelledby='fee-months-heading' id='fee-months'>
                    <View className='fs-section-title' role='heading' aria-level='2' id='fee-months-heading'>
                      {`${year} 年逐月明细`}
                    </View>
                    {months.length === 0 ? (
                      <View className='fs-card' id='fees-empty'>
                        <Text className='fs-hint'>{`${year} 年暂无缴费记录。`}</Text>
                      </View>
                    ) : (
                      <View role='list' aria-label={`${year} 年逐月缴费`}>
                        {months.map((month) => (
                          <MonthCard key={month.period} month={month} />
                        ))}
                      </View>
                    )}
                  </View>
                </>
              ) : (
                !error && (
                  <View className='fs-empty' role='status'>
                    正在加载…
                  </View>
                )
              )}
            </>
          )}
        </>
      )}
    </View>
  )
}
