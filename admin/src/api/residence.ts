// Self-declaration of residence (自主申报), the staff side (docs/api.md, "Self-declaration of residence"):
// houses and their QR codes, declarations, grid workers' verification tasks, CSV imports, collision runs and
// per-grid colour counts. Identity numbers arrive masked; only `revealIdNumber` returns one, and the server
// logs every such call. Nothing here decides a house's colour or a declaration's risks: the server does.
import { newIdempotencyKey, request, requestBlob } from './client';
import type { Photo } from './events';

export type { Photo };

// ---------------------------------------------------------------------------------------------------------
// Vocabularies. Every record names its own values (colourName, statusName, …); these are for filters and forms.

export type HouseColour = 'red' | 'yellow' | 'green' | 'none';

export const HOUSE_COLOURS: { value: HouseColour; label: string }[] = [
  { value: 'red', label: '红（有未申报人员）' },
  { value: 'yellow', label: '黄（待核查或申报将到期）' },
  { value: 'green', label: '绿（均已申报并核实）' },
  { value: 'none', label: '灰（无在住人员）' },
];

export type HouseUse = 'residential' | 'rental' | 'dormitory' | 'shop_house';

export const HOUSE_USES: { value: HouseUse; label: string }[] = [
  { value: 'residential', label: '住宅' },
  { value: 'rental', label: '出租屋' },
  { value: 'dormitory', label: '宿舍' },
  { value: 'shop_house', label: '商住两用' },
];

export type DeclarationStatus = 'accepted' | 'pending_verification' | 'rejected' | 'moved_out' | 'expired';

export const DECLARATION_STATUSES: { value: DeclarationStatus; label: string }[] = [
  { value: 'accepted', label: '已登记' },
  { value: 'pending_verification', label: '待核查' },
  { value: 'rejected', label: '核查未通过' },
  { value: 'moved_out', label: '已搬离' },
  { value: 'expired', label: '已过期' },
];

export type TaskStatus = 'open' | 'confirmed' | 'rejected';
/** The list filter: `done` is confirmed or rejected. */
export type TaskFilter = 'open' | 'done';

export type ImportKind = 'houses' | 'population' | 'rental_reports' | 'tax_ledger' | 'bureau_ledger' | 'finance_ledger';

/** What each kind of CSV holds: the header line the server expects and notes on its values. */
export const IMPORT_KINDS: { value: ImportKind; label: string; columns: string; notes: string[] }[] = [
  {
    value: 'houses',
    label: '房屋',
    columns: 'code,address,building,floor,room,use,capacity,grid_code,landlord_name,landlord_phone',
    notes: [
      'code 为房屋编码：4–32 位大写字母、数字或连字符，如 BA0304-012-0301',
      'use 为用途：residential 住宅、rental 出租屋、dormitory 宿舍、shop_house 商住两用',
      'capacity 为核定居住人数',
    ],
  },
  {
    value: 'population',
    label: '人口库',
    columns: 'id_number,name,registered_address',
    notes: ['人口库中已有的证件号将被更新'],
  },
  {
    value: 'rental_reports',
    label: '出租屋报送',
    columns: 'house_code,address,id_number,occupancy,source,reported_on',
    notes: [
      'occupancy 为 occupied（有人居住）或 vacant（空置）；空置时不填 id_number',
      'source 为报送部门：police 派出所、family_planning 计生、mediation 人民调解、safety 安全检查、utilities 水电燃气',
      'house_code 为空的行按地址精确匹配房屋',
    ],
  },
  ...(['tax', 'bureau', 'finance'] as const).map((source) => ({
    value: `${source}_ledger` as ImportKind,
    label: `${{ tax: '税务', bureau: '社保', finance: '财政' }[source]}台账（社保费）`,
    columns: 'external_id,id_number,period,insurance_type,due_employer_fen,due_personal_fen,paid_employer_fen,paid_personal_fen,reference',
    notes: [
      'external_id 为本部门的记录编号：重复导入同一文件不会改变数据，更正后的文件按编号更新',
      'period 为所属月份 YYYY-MM；insurance_type 为 pension 养老、medical 医疗、unemployment 失业、work_injury 工伤、maternity 生育',
      '金额以“分”为单位的整数；也可上传 .jsonl 文件（每行一个 JSON 对象，键名同列名）',
    ],
  })),
];

export interface Risk {
  code: string;
  label: string;
}

// ---------------------------------------------------------------------------------------------------------
// Houses

export interface House {
  code: string;
  address: string;
  building: string;
  floor: number | null;
  room: string;
  use: HouseUse;
  useName: string;
  capacity: number;
  landlordName: string | null;
  /** Masked. */
  landlordPhone: string | null;
  gridCode: string;
  gridName: string;
  communityName: string;
  flagged: boolean;
  flagReason: string | null;
  colour: HouseColour;
  colourName: string;
  occupants: number;
}

export interface DeclarationSummary {
  id: number;
  houseCode: string;
  address: string;
  gridCode: string;
  gridName: string;
  name: string;
  idNumberMasked: string;
  status: DeclarationStatus;
  statusName: string;
  risks: Risk[];
  moveInDate: string | null;
  validUntil: string | null;
  createdAt: string;
}

export interface VerificationTask {
  id: number;
  kind: 'declaration_doubt' | 'declared_but_empty';
  kindName: string;
  status: TaskStatus;
  statusName: string;
  house: { code: string; address: string; gridCode: string; gridName: string };
  declaration: DeclarationSummary | null;
  reasons: Risk[];
  note: string | null;
  photos: Photo[];
  /** The contract does not give its shape: a name, or an object naming the staff member. */
  resolvedBy: unknown;
  resolvedAt: string | null;
  createdAt: string;
}

export interface HouseDetail extends House {
  tenants: DeclarationSummary[];
  openTasks: VerificationTask[];
  /** The contract does not give its shape; read as the number of occupants other departments reported. */
  reportedOccupants: unknown;
}

export interface HouseQuery {
  q?: string;
  gridCode?: string;
  colour?: HouseColour;
  building?: string;
  page?: number;
  pageSize?: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

export interface NewHouse {
  code: string;
  address: string;
  building: string;
  floor?: number;
  room: string;
  use: HouseUse;
  capacity: number;
  gridCode: string;
  landlordName?: string;
  landlordPhone?: string;
}

const housePath = (code: string) => `/houses/${encodeURIComponent(code)}`;

export function listHouses(query: HouseQuery, signal?: AbortSignal): Promise<Paged<House>> {
  return request<Paged<House>>('/houses', { query: { ...query }, signal });
}

export function getHouse(code: string, signal?: AbortSignal): Promise<HouseDetail> {
  return request<HouseDetail>(housePath(code), { signal });
}

export function createHouse(input: NewHouse, idempotencyKey: string = newIdempotencyKey()): Promise<House> {
  return request<House>('/houses', { method: 'POST', body: input, idempotencyKey });
}

export function flagHouse(code: string, reason: string): Promise<House> {
  return request<House>(`${housePath(code)}/flag`, { method: 'POST', body: { reason } });
}

export function unflagHouse(code: string): Promise<House> {
  return request<House>(`${housePath(code)}/unflag`, { method: 'POST', body: {} });
}

export type QrFormat = 'png' | 'svg';

/** The QR code needs the bearer token, so it is fetched as a Blob rather than linked from an <img>. */
export function fetchHouseQr(code: string, format: QrFormat, signal?: AbortSignal): Promise<Blob> {
  return requestBlob(`${housePath(code)}/qr.${format}`, {
    signal,
    accept: `${format === 'png' ? 'image/png' : 'image/svg+xml'}, application/problem+json`,
  });
}

export interface QrSheetItem {
  code: string;
  address: string;
  building: string;
  floor: number | null;
  room: string;
  /** SVG markup of the QR code. */
  qrSvg: string;
}

/** The API's cap on one sheet. */
export const QR_SHEET_LIMIT = 500;

export function getQrSheet(
  query: { gridCode?: string; building?: string },
  signal?: AbortSignal,
): Promise<{ items: QrSheetItem[] }> {
  return request<{ items: QrSheetItem[] }>('/houses/qr-sheet', { query: { ...query }, signal });
}

// ---------------------------------------------------------------------------------------------------------
// Declarations

export interface DeclarationStep {
  seq: number;
  action: string;
  actionName: string;
  actorRole: string | null;
  note: string | null;
  at: string;
  photos: Photo[];
}

export interface DeclarationDetail extends DeclarationSummary {
  sex: 'male' | 'female' | null;
  birthDate: string | null;
  /** Masked. */
  phone: string | null;
  steps: DeclarationStep[];
  evidence: { verified: boolean };
}

export interface DeclarationQuery {
  status?: string;
  gridCode?: string;
  houseCode?: string;
  /** A name. */
  q?: string;
  page?: number;
  pageSize?: number;
}

export function listDeclarations(query: DeclarationQuery, signal?: AbortSignal): Promise<Paged<DeclarationSummary>> {
  return request<Paged<DeclarationSummary>>('/declarations', { query: { ...query }, signal });
}

export function getDeclaration(id: number, signal?: AbortSignal): Promise<DeclarationDetail> {
  return request<DeclarationDetail>(`/declarations/${id}`, { signal });
}

/** The full identity number; the server writes who asked, when and why to its access log. */
export function revealIdNumber(id: number, reason: string): Promise<{ idNumber: string }> {
  return request<{ idNumber: string }>(`/declarations/${id}/reveal`, { method: 'POST', body: { reason } });
}

// ---------------------------------------------------------------------------------------------------------
// Verification tasks

export interface TaskQuery {
  status?: TaskFilter;
  gridCode?: string;
  page?: number;
  pageSize?: number;
}

export function listTasks(query: TaskQuery, signal?: AbortSignal): Promise<Paged<VerificationTask>> {
  return request<Paged<VerificationTask>>('/verification-tasks', { query: { ...query }, signal });
}

export type TaskOutcome = 'confirm' | 'reject';

/** Multipart `note` and `photos` (0–3); answers the task as it now is. */
export function resolveTask(
  id: number,
  outcome: TaskOutcome,
  body: FormData,
  idempotencyKey: string = newIdempotencyKey(),
): Promise<VerificationTask> {
  return request<VerificationTask>(`/verification-tasks/${id}/${outcome}`, { method: 'POST', body, idempotencyKey });
}

// ---------------------------------------------------------------------------------------------------------
// Imports

export interface ImportError {
  line: number;
  field: string;
  message: string;
}

export interface DataImport {
  id: number;
  kind: ImportKind;
  kindName: string;
  filename: string;
  status: 'running' | 'done' | 'failed';
  statusName: string;
  processedLines: number;
  appliedLines: number;
  errorCount: number;
  errors: ImportError[];
  createdAt: string;
  finishedAt: string | null;
}

/** `file` may be up to 200 MB; the answer (202) is the import, still running. */
export function startImport(
  kind: ImportKind,
  file: File,
  idempotencyKey: string = newIdempotencyKey(),
): Promise<DataImport> {
  const body = new FormData();
  body.append('kind', kind);
  body.append('file', file, file.name);
  return request<DataImport>('/imports', { method: 'POST', body, idempotencyKey });
}

export function getImport(id: number, signal?: AbortSignal): Promise<DataImport> {
  return request<DataImport>(`/imports/${id}`, { signal });
}

export function listImports(kind: ImportKind | undefined, signal?: AbortSignal): Promise<{ items: DataImport[] }> {
  return request<{ items: DataImport[] }>('/imports', { query: { kind }, signal });
}

// ---------------------------------------------------------------------------------------------------------
// Collision

export interface CollisionRun {
  id: number;
  trigger: 'schedule' | 'manual';
  /** Values not listed by the contract; `statusName` is shown and `finishedAt` says whether it is over. */
  status: string;
  statusName: string;
  reportsCompared: number;
  undeclared: number;
  declaredButEmpty: number;
  eventsCreated: number;
  tasksCreated: number;
  startedAt: string;
  finishedAt: string | null;
}

export const RUN_TRIGGERS: Record<CollisionRun['trigger'], string> = { schedule: '每晚定时', manual: '手动' };

export type FindingKind = 'undeclared' | 'declared_but_empty';

export const FINDING_KINDS: { value: FindingKind; label: string }[] = [
  { value: 'undeclared', label: '有人居住但未申报' },
  { value: 'declared_but_empty', label: '已申报但报送为空置' },
];

export interface CollisionFinding {
  id: number;
  kind: FindingKind;
  kindName: string;
  house: { code: string; address: string; gridCode: string; gridName: string };
  idNumberMasked: string | null;
  source: string;
  sourceName: string;
  reportedOn: string;
  eventCode: string | null;
  taskId: number | null;
}

export function runCollision(idempotencyKey: string = newIdempotencyKey()): Promise<CollisionRun> {
  return request<CollisionRun>('/collisions', { method: 'POST', body: {}, idempotencyKey });
}

export function listCollisionRuns(signal?: AbortSignal): Promise<{ items: CollisionRun[] }> {
  return request<{ items: CollisionRun[] }>('/collisions', { signal });
}

export function listFindings(
  runId: number,
  query: { kind?: FindingKind; page?: number; pageSize?: number },
  signal?: AbortSignal,
): Promise<Paged<CollisionFinding>> {
  return request<Paged<CollisionFinding>>(`/collisions/${runId}/findings`, { query: { ...query }, signal });
}

// ---------------------------------------------------------------------------------------------------------
// Per grid

export interface GridStat {
  gridCode: string;
  gridName: string;
  communityName: string;
  houses: number;
  red: number;
  yellow: number;
  green: number;
  none: number;
  occupied: number;
  /** 0–1; null when no house in the grid is occupied. */
  declarationRate: number | null;
}

export function getGridStats(regionId: number | undefined, signal?: AbortSignal): Promise<{ items: GridStat[] }> {
  return request<{ items: GridStat[] }>('/residence/grid-stats', { query: { regionId }, signal });
}
