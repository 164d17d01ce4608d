// Turns API failures (RFC 9457 problem+json, bad gateways, lost networks) into one ApiError with a Chinese message.
// Taro-free on purpose: unit-tested under mocha in Node.

export const PROBLEM_BASE = 'https://weave.city/problems/'

/** What a person reads when the request never reached the API. */
export const NETWORK_MESSAGE = '网络不可用，请稍后重试'

export interface FieldError {
  field: string
  message: string
}

export interface ApiErrorInit {
  status: number
  type: string
  title: string
  detail?: string
  instance?: string
  requestId?: string
  errors?: FieldError[]
}

/** Every failed API call ends as an ApiError; status 0 means the network failed before any answer. */
export class ApiError extends Error {
  // A brand survives transpilers that break `instanceof` on subclasses of Error.
  readonly isApiError = true
  readonly status: number
  readonly type: string
  readonly title: string
  readonly detail?: string
  readonly instance?: string
  readonly requestId?: string
  readonly errors: FieldError[]

  constructor(init: ApiErrorInit) {
    super(init.detail || init.title)
    this.name = 'ApiError'
    this.status = init.status
    this.type = init.type
    this.title = init.title
    this.detail = init.detail
    this.instance = init.instance
    this.requestId = init.requestId
    this.errors = init.errors ?? []
  }

  /** The stable last segment of `type` (`unauthenticated`, `validation`, `network`…), what clients branch on. */
  get code(): string {
    const slash = this.type.lastIndexOf('/')
    return slash >= 0 ? this.type.slice(slash + 1) : this.type
  }

  /** The first message about one input field, for showing next to that field. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message
  }
}

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && (value as { isApiError?: unknown }).isApiError === true
}

export function networkError(): ApiError {
  return new ApiError({ status: 0, type: 'network', title: NETWORK_MESSAGE })
}

// Used only when the answer is not problem+json (a proxy's HTML page, an empty body).
const STATUS_TITLES: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '没有权限进行此操作',
  404: '未找到相关内容',
  409: '操作冲突，请稍后重试',
  413: '内容过大',
  415: '不支持的内容格式',
  422: '请求参数有误',
  429: '操作过于频繁，请稍后再试',
  503: '服务暂时不可用，请稍后重试',
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation',
  429: 'rate-limited',
  503: 'upstream-unavailable',
}

function fallbackTitle(status: number): string {
  if (STATUS_TITLES[status]) return STATUS_TITLES[status]
  if (status >= 500) return '服务暂时不可用，请稍后重试'
  return `请求失败（${status}）`
}

function fallbackType(status: number): string {
  return PROBLEM_BASE + (TYPE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'http-' + status))
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return []
  return value
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
    .filter((e) => e.message !== '')
}

/** Parses a body that may still be JSON text (the mini-program leaves unparseable or odd bodies as strings). */
export function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body
  const trimmed = body.trim()
  if (trimmed === '') return undefined
  if (trimmed[0] !== '{' && trimmed[0] !== '[') return body
  try {
    return JSON.parse(trimmed)
  } catch {
    return body
  }
}

/** Builds the ApiError for a non-2xx answer, trusting the problem document where there is one. */
export function problemFromResponse(status: number, body: unknown): ApiError {
  const parsed = parseBody(body)
  const doc = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
  const isProblem = text(doc.type) !== undefined || text(doc.title) !== undefined
  if (!isProblem) {
    return new ApiError({ status, type: fallbackType(status), title: fallbackTitle(status) })
  }
  const docStatus = typeof doc.status === 'number' ? doc.status : status
  return new ApiError({
    status: docStatus,
    type: text(doc.type) ?? fallbackType(docStatus),
    title: text(doc.title) ?? fallbackTitle(docStatus),
    detail: text(doc.detail),
    instance: text(doc.instance),
    requestId: text(doc.requestId),
    errors: fieldErrors(doc.errors),
  })
}

/** The one sentence shown to a person for any failure. */
export function userMessage(error: unknown): string {
  if (isApiError(error)) return error.detail || error.title
  if (typeof error === 'object' && error !== null) {
    const message = text((error as { message?: unknown }).message)
    // Only Chinese messages are meant for people; anything else is a defect's text.
    if (message && /[\u4e00-\u9fff]/.test(message)) return message
  }
  return '操作失败，请稍后重试'
}
