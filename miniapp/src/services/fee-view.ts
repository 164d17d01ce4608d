// Social-security fees (社保费) as the insured person reads them (docs/api.md "Social-security fees"): the API's answers
// read leniently, integer fen as yuan, months grouped newest first with a status written out, the years to choose from,
// what to do about arrears or a refund, and the certificate's verification text. Pure and Taro-free (unit-tested).

import { validateIdNumber } from './id-number'

// ---------- names ----------

export const FEE_STATUSES = ['paid', 'in_transit', 'due', 'arrears', 'refund_due'] as const
export type FeeStatus = (typeof FEE_STATUSES)[number]

export const FEE_STATUS_NAMES: Record<FeeStatus, string> = {
  paid: '已缴',
  in_transit: '在途',
  due: '待缴',
  arrears: '欠费',
  refund_due: '可退费',
}

/** The API's own name wins; a known code gets ours; anything else is shown as it came. */
export function feeStatusName(status: string | null | undefined, given?: unknown): string {
  if (typeof given === 'string' && given.trim() !== '') return given
  if (!status) return ''
  return FEE_STATUS_NAMES[status as FeeStatus] ?? status
}

/** A known status for styling (an unknown one is drawn as 待缴, the neutral "not settled yet"). */
export function feeTone(status: string): FeeStatus {
  return (FEE_STATUSES as readonly string[]).includes(status) ? (status as FeeStatus) : 'due'
}

/** In the order the bureau lists them. */
export const INSURANCE_TYPES = ['pension', 'medical', 'unemployment', 'work_injury', 'maternity'] as const

export const INSURANCE_TYPE_NAMES: Record<string, string> = {
  pension: '养老保险',
  medical: '医疗保险',
  unemployment: '失业保险',
  work_injury: '工伤保险',
  maternity: '生育保险',
}

export function insuranceTypeName(type: string, given?: unknown): string {
  if (typeof given === 'string' && given.trim() !== '') return given
  return INSURANCE_TYPE_NAMES[type] ?? type
}

// ---------- money ----------

/** Integer fen as yuan with two decimals: 96000 → ¥960.00, 5 → ¥0.05, -1250 → -¥12.50. */
export function formatYuan(fen: number): string {
  if (!Number.isFinite(fen)) return '¥0.00'
  const whole = Math.round(fen)
  const abs = Math.abs(whole)
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  return `${whole < 0 ? '-' : ''}¥${yuan}.${cents}`
}

// ---------- periods and years ----------

const CITY_OFFSET_MS = 8 * 3_600_000
const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

/** Today's date (YYYY-MM-DD) in the city's time zone (UTC+8), where the bureau's months begin and end. */
export function cityDate(now: Date): string {
  const d = new Date(now.getTime() + CITY_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** The year to show first and the four before it, newest first. */
export function yearChoices(today: string, count = 5): number[] {
  const year = Number(today.slice(0, 4))
  return Array.from({ length: count }, (_, i) => year - i)
}

/** GET /me/fees and POST /me/fees/certificate for one calendar year: January to December. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01`, to: `${year}-12` }
}

export function isPeriod(text: string): boolean {
  return PERIOD.test(text)
}

/** 2026-03 → 2026 年 3 月. */
export function periodLabel(period: string): string {
  const match = PERIOD.exec(period)
  return match ? `${match[1]} 年 ${Number(match[2])} 月` : period
}

/** The range of a certificate in words: a whole year, one month, or from one month to another. */
export function rangeLabel(from: string, to: string): string {
  const a = PERIOD.exec(from)
  const b = PERIOD.exec(to)
  if (a && b && a[1] === b[1] && a[2] === '01' && b[2] === '12') return `${a[1]} 年全年`
  if (from === to) return periodLabel(from)
  return `${periodLabel(from)} 至 ${periodLabel(to)}`
}

/** Arrears start after this day of the following month (docs/api.md: 欠费 after the 15th). */
export const GRACE_DAY = 15

/** The next grace day on or after `today` (YYYY-MM-DD): this month's 15th, or the next month's once it has passed. */
export function nextGraceDay(today: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today)
  if (!match) return ''
  let year = Number(match[1])
  let month = Number(match[2])
  if (Number(match[3]) > GRACE_DAY) {
    month += 1
    if (month > 12) {
      month = 1
      year += 1
    }
  }
  return `${year}-${pad(month)}-${pad(GRACE_DAY)}`
}

// ---------- the API's shapes ----------

/** GET/POST /me/insured. */
export interface Binding {
  idNumberMasked: string
  name: string
  boundAt: string
}

export interface FeeLine {
  type: string
  typeName: string
  dueFen: number
  paidFen: number
  status: string
  statusName: string
}

export interface FeeMonth {
  period: string
  types: FeeLine[]
}

export interface FeeTotals {
  dueFen: number
  paidFen: number
  arrearsFen: number
  refundFen: number
}

/** GET /me/fees. */
export interface Fees {
  payer: Binding | null
  months: FeeMonth[]
  totals: FeeTotals
}

/** POST /me/fees/certificate. */
export interface Certificate {
  code: string
  from: string
  to: string
  payerMasked: string
  nameMasked: string
  totals: { dueFen: number; paidFen: number }
  issuedAt: string
  verifyPath: string
}

type Obj = Record<string, unknown>

function obj(value: unknown): Obj | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : null
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback
}

/** Amounts are integer fen; anything else counts as 0 rather than breaking the page. */
function fen(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN
  return Number.isFinite(n) ? Math.round(n) : 0
}

export function parseBinding(body: unknown): Binding | null {
  const b = obj(body)
  if (!b || typeof b.idNumberMasked !== 'string') return null
  return { idNumberMasked: b.idNumberMasked, name: str(b.name), boundAt: str(b.boundAt) }
}

function parseLine(value: unknown): FeeLine | null {
  const t = obj(value)
  if (!t || typeof t.type !== 'string') return null
  const status = str(t.status)
  return {
    type: t.type,
    typeName: insuranceTypeName(t.type, t.typeName),
    dueFen: fen(t.dueFen),
    paidFen: fen(t.paidFen),
    status,
    statusName: feeStatusName(status, t.statusName),
  }
}

function parseTotals(value: unknown): FeeTotals {
  const t = obj(value) ?? {}
  return { dueFen: fen(t.dueFen), paidFen: fen(t.paidFen), arrearsFen: fen(t.arrearsFen), refundFen: fen(t.refundFen) }
}

export function parseFees(body: unknown): Fees | null {
  const f = obj(body)
  if (!f || !Array.isArray(f.months)) return null
  const months = f.months
    .map((value): FeeMonth | null => {
      const m = obj(value)
      if (!m || typeof m.period !== 'string' || !isPeriod(m.period)) return null
      const types = (Array.isArray(m.types) ? m.types : []).map(parseLine).filter((l): l is FeeLine => l !== null)
      return { period: m.period, types }
    })
    .filter((m): m is FeeMonth => m !== null)
  return { payer: parseBinding(f.payer), months, totals: parseTotals(f.totals) }
}

/** The address where anyone checks a certificate, under the API's base path. */
export function certificatePath(code: string): string {
  return `/api/v1/fees/certificates/${encodeURIComponent(code)}`
}

export function parseCertificate(body: unknown): Certificate | null {
  const c = obj(body)
  if (!c || typeof c.code !== 'string' || c.code === '') return null
  const totals = obj(c.totals) ?? {}
  // The API may answer the path with or without its /api/v1 prefix, or as a full address; people are shown the path.
  const given = str(c.verifyPath).replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
  return {
    code: c.code,
    from: str(c.from),
    to: str(c.to),
    payerMasked: str(c.payerMasked),
    nameMasked: str(c.nameMasked),
    totals: { dueFen: fen(totals.dueFen), paidFen: fen(totals.paidFen) },
    issuedAt: str(c.issuedAt),
    verifyPath: !given.startsWith('/') ? certificatePath(c.code) : given.startsWith('/api/') ? given : `/api/v1${given}`,
  }
}

/** The sentence under the code: where anyone (a bank, an employer) checks it. */
export function verifyText(certificate: Pick<Certificate, 'verifyPath'>): string {
  return `任何人可在 ${certificate.verifyPath} 核验`
}

/** What the copy button puts on the clipboard: the code and the full address to check it. */
export function clipboardText(certificate: Pick<Certificate, 'code' | 'verifyPath'>, origin: string): string {
  const address = origin.replace(/\/+$/, '') + certificate.verifyPath
  return `缴费证明核验码：${certificate.code}\n核验地址：${address}`
}

// ---------- the year overview ----------

export interface MonthView {
  period: string
  label: string
  dueFen: number
  paidFen: number
  status: FeeStatus
  statusName: string
  lines: FeeLine[]
}

/** Which status a month shows when its types differ: what asks the person to act comes first. */
const MONTH_STATUS_ORDER: readonly FeeStatus[] = ['arrears', 'due', 'refund_due', 'in_transit', 'paid']

export function monthStatus(lines: readonly Pick<FeeLine, 'status'>[]): FeeStatus {
  for (const status of MONTH_STATUS_ORDER) {
    if (lines.some((l) => l.status === status)) return status
  }
  return 'due'
}

function typeRank(type: string): number {
  const i = (INSURANCE_TYPES as readonly string[]).indexOf(type)
  return i < 0 ? INSURANCE_TYPES.length : i
}

/** Months with at least one line, newest first; each with its sums, its status and its lines in the bureau's order. */
export function groupMonths(months: readonly FeeMonth[]): MonthView[] {
  const byPeriod = new Map<string, FeeLine[]>()
  for (const m of months) byPeriod.set(m.period, [...(byPeriod.get(m.period) ?? []), ...m.types])
  return [...byPeriod.entries()]
    .filter(([, lines]) => lines.length > 0)
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([period, lines]) => {
      const sorted = [...lines].sort((a, b) => typeRank(a.type) - typeRank(b.type) || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0))
      const status = monthStatus(sorted)
      return {
        period,
        label: periodLabel(period),
        dueFen: sorted.reduce((sum, l) => sum + l.dueFen, 0),
        paidFen: sorted.reduce((sum, l) => sum + l.paidFen, 0),
        status,
        statusName: FEE_STATUS_NAMES[status],
        lines: sorted,
      }
    })
}

export interface Advice {
  kind: 'arrears' | 'refund'
  title: string
  text: string
}

/** 怎么办: a few plain sentences for arrears and for a refund; nothing when the year is settled. */
export function adviceFor(totals: FeeTotals, today: string): Advice[] {
  const advice: Advice[] = []
  if (totals.arrearsFen > 0) {
    const grace = nextGraceDay(today)
    advice.push({
      kind: 'arrears',
      title: `欠费 ${formatYuan(totals.arrearsFen)} 怎么办`,
      text:
        `请通过税务缴费渠道（电子税务局、税务 App、微信或支付宝的“社保缴费”、办税服务厅）补缴欠费，` +
        `并在下一个宽限日${grace ? `（${grace}）` : ''}前缴清，以免产生滞纳金。补缴后状态会先显示“在途”，财政到账后显示“已缴”。`,
    })
  }
  if (totals.refundFen > 0) {
    advice.push({
      kind: 'refund',
      title: `可退费 ${formatYuan(totals.refundFen)} 怎么办`,
      text: '您多缴的费用可以退还：请携带身份证到社保经办窗口，或向税务部门（办税服务厅、电子税务局）申请退费。',
    })
  }
  return advice
}

// ---------- the bind form ----------

export const MAX_INSURED_NAME_LENGTH = 64

export interface BindDraft {
  idNumber: string
  name: string
}

export type BindField = 'idNumber' | 'name'

export interface BindProblem {
  field: BindField
  message: string
}

/** The same checks as the API's first ones (check digit included), so a typing error is caught before it is sent. */
export function validateBind(draft: BindDraft, today?: string): BindProblem[] {
  const problems: BindProblem[] = []
  const id = validateIdNumber(draft.idNumber, today)
  if (!id.ok) problems.push({ field: 'idNumber', message: id.message })
  const name = draft.name.trim()
  if (name === '') problems.push({ field: 'name', message: '请填写姓名' })
  else if (name.length > MAX_INSURED_NAME_LENGTH) problems.push({ field: 'name', message: `姓名不能超过 ${MAX_INSURED_NAME_LENGTH} 个字` })
  return problems
}

/** The body of POST /me/insured for a valid draft. */
export function bindBody(draft: BindDraft): { idNumber: string; name: string } {
  const id = validateIdNumber(draft.idNumber)
  return { idNumber: id.ok ? id.idNumber : draft.idNumber.trim(), name: draft.name.trim() }
}
