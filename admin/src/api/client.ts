// The admin app's one data provider: every call to the API goes through `request`, which keeps the staff
// session, renews an expired access token once, and turns problem+json responses into `ApiError`.

/** Relative so that the same build works behind any host; the API serves the app under /admin/. */
export const API_BASE = '/api/v1';

const STORAGE_KEY = 'weave.admin.session';
/** Renew a little before the stated expiry so a request does not leave with a token that dies in transit. */
const EXPIRY_SKEW_MS = 30_000;

export type Role = 'grid_worker' | 'dispatcher' | 'handler' | 'supervisor' | 'admin';

export interface StaffUser {
  kind: 'staff';
  id: number;
  username: string;
  displayName: string;
  role: Role;
  roleName: string;
  regionId: number | null;
  unitId: number | null;
}

export interface Session {
  accessToken: string;
  tokenType?: 'Bearer';
  expiresAt: string;
  refreshToken: string;
  refreshExpiresAt?: string;
  user: StaffUser;
}

// ---------------------------------------------------------------------------------------------------------
// Errors

export interface FieldError {
  field: string;
  message: string;
}

/** The stable suffixes of problem `type` URIs (docs/api.md), plus two the client makes up itself. */
export type ProblemKind =
  | 'bad-request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'payload-too-large'
  | 'unsupported-media-type'
  | 'validation'
  | 'idempotency-key-reused'
  | 'rate-limited'
  | 'upstream-unavailable'
  | 'internal'
  | 'network'
  | 'unexpected-response';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly instance?: string;
  readonly requestId?: string;
  readonly errors: FieldError[];

  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.instance = problem.instance;
    this.requestId = problem.requestId;
    this.errors = problem.errors ?? [];
  }

  /** Clients branch on the last segment of `type`, never on `title` or `detail` (those are for people). */
  get kind(): string {
    return this.type.slice(this.type.lastIndexOf('/') + 1);
  }

  is(kind: ProblemKind): boolean {
    return this.kind === kind;
  }
}

/** The sentence to show a person for any error a request can throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail || error.title;
  return '操作失败，请稍后重试';
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Used only when a response carries no usable problem body (a proxy's HTML page, an empty 502). */
const FALLBACK_TITLES: Record<number, string> = {
  400: '请求有误',
  401: '请先登录',
  403: '没有权限执行此操作',
  404: '未找到',
  409: '操作冲突',
  413: '提交的内容过大',
  415: '不支持的内容类型',
  422: '请求参数有误',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误',
  502: '服务暂时不可用',
  503: '服务暂时不可用',
  504: '服务响应超时',
};

async function readProblem(response: Response): Promise<ApiError> {
  let body: unknown = null;
  if (/json/i.test(response.headers.get('content-type') ?? '')) {
    body = await response.json().catch(() => null);
  }
  const p = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
  const errors = Array.isArray(p.errors)
    ? p.errors.filter(
        (e): e is FieldError => !!e && typeof e.field === 'string' && typeof e.message === 'string',
      )
    : [];
  return new ApiError({
    type: typeof p.type === 'string' ? p.type : 'about:blank',
    title:
      typeof p.title === 'string' && p.title
        ? p.title
        : FALLBACK_TITLES[response.status] ?? `请求失败（${response.status}）`,
    status: response.status,
    detail: typeof p.detail === 'string' ? p.detail : undefined,
    instance: typeof p.instance === 'string' ? p.instance : undefined,
    requestId: typeof p.requestId === 'string' ? p.requestId : undefined,
    errors,
  });
}

function networkError(): ApiError {
  return new ApiError({
    type: 'network',
    title: '无法连接服务器',
    status: 0,
    detail: '无法连接服务器，请检查网络后重试',
  });
}

// ---------------------------------------------------------------------------------------------------------
// Session store (localStorage, so that a reload or a second tab stays signed in)

export type SessionEndReason = 'expired' | 'signed-out';

let current: Session | null | undefined;
let lastEndReason: SessionEndReason | null = null;
const listeners = new Set<() => void>();

function readStored(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    return s && typeof s.accessToken === 'string' && s.user?.kind === 'staff' ? s : null;
  } catch {
    return null;
  }
}

function onStorage(event: StorageEvent) {
  // Another tab signed in, refreshed or signed out: adopt its session instead of using a spent refresh token.
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  current = readStored();
  listeners.forEach((l) => l());
}

export function getSession(): Session | null {
  if (current === undefined) current = readStored();
  return current;
}

/**
 * A session as the API answered it, with its expiries counted on this computer's clock from now (the API says
 * how long its tokens last), so a wrong clock neither refreshes before every request nor keeps a dead token.
 */
export function sessionFromApi(answer: Session & { expiresIn?: number; refreshExpiresIn?: number }, receivedAt = Date.now()): Session {
  const local = <T extends string | undefined>(seconds: number | undefined, fallback: T): string | T => (typeof seconds === 'number' && Number.isFinite(seconds) ? new Date(receivedAt + seconds * 1000).toISOString() : fallback);
  const { expiresIn, refreshExpiresIn, ...session } = answer;
  return { ...session, expiresAt: local(expiresIn, answer.expiresAt), refreshExpiresAt: local(refreshExpiresIn, answer.refreshExpiresAt) };
}

export function setSession(session: Session): void {
  current = session;
  lastEndReason = null;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Storage off or full (private windows): the session still works in memory until the tab closes.
  }
  listeners.forEach((l) => l());
}

export function clearSession(reason: SessionEndReason = 'signed-out'): void {
  current = null;
  lastEndReason = reason;
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored to remove.
  }
  listeners.forEach((l) => l());
}

/** Why the last session ended, until the next sign-in; the login page says "expired" when it was. */
export function getSessionEndReason(): SessionEndReason | null {
  return lastEndReason;
}

/** Subscribers re-render when the session changes; the route guard sends people to the login page. */
export function subscribeSession(listener: () => void): () => void {
  if (listeners.size === 0) window.addEventListener('storage', onStorage);
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('storage', onStorage);
  };
}

function isExpired(session: Session): boolean {
  const at = Date.parse(session.expiresAt);
  return Number.isFinite(at) && at - EXPIRY_SKEW_MS <= Date.now();
}

// ---------------------------------------------------------------------------------------------------------
// Token renewal

let refreshing: Promise<Session | null> | null = null;

/**
 * Trades the refresh token for a new session. Refresh tokens are single-use, so concurrent callers share one
 * exchange; a second exchange with the same token would be refused and sign the person out.
 * Resolves null when the server refuses the token; throws (keeping the session) when it cannot be reached.
 */
function refreshSession(): Promise<Session | null> {
  if (!refreshing) {
    refreshing = (async () => {
      const session = getSession();
      if (!session) return null;
      let response: Response;
      try {
        response = await fetch(`${API_BASE}/auth/refresh`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refreshToken: session.refreshToken }),
        });
      } catch {
        throw networkError();
      }
      if (response.ok) {
        const next = sessionFromApi((await response.json()) as Session);
        setSession(next);
        return next;
      }
      // Another tab may have used the token a moment ago and stored the session it got back.
      const stored = readStored();
      if (stored && stored.refreshToken !== session.refreshToken) {
        current = stored;
        return stored;
      }
      if (response.status >= 500) throw await readProblem(response);
      return null;
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

// ---------------------------------------------------------------------------------------------------------
// Requests

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** JSON-encoded, except FormData, which goes as multipart (file uploads). */
  body?: unknown;
  signal?: AbortSignal;
  /** false for the sign-in calls: a 401 there is an answer (wrong password), not an expired session. */
  auth?: boolean;
  /** false to send the token but not renew it on 401 (sign-out must not mint a session to end it). */
  renew?: boolean;
  /** Sent as Idempotency-Key; the same key goes out again when the request is retried after a renewal. */
  idempotencyKey?: string;
  /** The Accept header, for the few calls that answer something other than JSON (images). */
  accept?: string;
}

/** A key for one create request. crypto.randomUUID exists only on HTTPS and localhost; intranets use HTTP. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function send(url: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json, application/problem+json' };
  // FormData gets no Content-Type from us: the browser writes multipart/form-data with the boundary it
  // chose, which a hand-written header would lack. A FormData can be sent again after a token renewal.
  const multipart = options.body instanceof FormData;
  if (options.body !== undefined && !multipart) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  try {
    return await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body:
        options.body === undefined
          ? undefined
          : multipart
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw networkError();
  }
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await respond(path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({
      type: 'unexpected-response',
      title: '服务器返回了无法识别的内容',
      status: response.status,
    });
  }
}

/**
 * The body as a Blob, for files that need the bearer token (a house's QR code): the same session handling
 * and problem+json errors as `request`, only the success is not parsed.
 */
export async function requestBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const response = await respond(path, options);
  return response.blob();
}

/** Sends with the session (renewing it once on 401) and throws the problem of any non-2xx answer. */
async function respond(path: string, options: RequestOptions): Promise<Response> {
  const url = buildUrl(path, options.query);
  const useAuth = options.auth !== false;
  const renew = useAuth && options.renew !== false;

  let session = useAuth ? getSession() : null;
  if (session && renew && isExpired(session)) {
    session = await refreshSession();
    if (!session) {
      clearSession('expired');
      throw sessionExpired();
    }
  }

  let response = await send(url, options, session?.accessToken ?? null);

  if (response.status === 401 && session && renew) {
    // Once only: renew (or pick up a session another request or tab renewed meanwhile) and try again.
    const latest = getSession();
    const renewed =
      latest && latest.accessToken !== session.accessToken ? latest : await refreshSession();
    if (renewed) response = await send(url, options, renewed.accessToken);
    if (!renewed || response.status === 401) {
      const problem = renewed ? await readProblem(response) : sessionExpired();
      clearSession('expired');
      throw problem;
    }
  }

  if (!response.ok) throw await readProblem(response);
  return response;
}

function sessionExpired(): ApiError {
  return new ApiError({
    type: 'unauthenticated',
    title: '登录已过期',
    status: 401,
    detail: '登录已过期，请重新登录',
  });
}
