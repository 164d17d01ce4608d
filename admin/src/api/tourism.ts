// Island tourist services (海岛游客服务), the staff side (docs/api.md, "Island tourist services"): islands and
// their places (merchants and service points), tourists' complaints and their per-merchant counts, and the SOS
// board of help calls. Complaints and help calls are events of the registry: they are worked on the event
// detail page with the event commands, so nothing here changes their state.
import { newIdempotencyKey, request } from './client';
import type { EventStatus } from './events';
import type { CoordSystem } from './grids';
import type { DataImport } from './residence';

export type { CoordSystem };

// ---------------------------------------------------------------------------------------------------------
// Vocabularies. Every record names its own values (kindName, categoryName, …); these are for filters and forms.

export type PlaceKind = 'restaurant' | 'hotel' | 'ferry' | 'scenic' | 'clinic' | 'police' | 'shop';

export const PLACE_KINDS: { value: PlaceKind; label: string }[] = [
  { value: 'restaurant', label: '餐饮' },
  { value: 'hotel', label: '住宿' },
  { value: 'ferry', label: '船运码头' },
  { value: 'scenic', label: '景点' },
  { value: 'clinic', label: '医疗点' },
  { value: 'police', label: '警务站' },
  { value: 'shop', label: '商店' },
];

export type ComplaintCategory = 'overcharging' | 'hygiene' | 'safety' | 'service' | 'other';

/** In the contract's order, which is also the order of the per-category columns of the statistics. */
export const COMPLAINT_CATEGORIES: { value: ComplaintCategory; label: string }[] = [
  { value: 'overcharging', label: '价格欺诈' },
  { value: 'hygiene', label: '食品卫生' },
  { value: 'safety', label: '安全隐患' },
  { value: 'service', label: '服务质量' },
  { value: 'other', label: '其他' },
];

export type HelpType = 'medical' | 'lost' | 'weather' | 'safety' | 'other';

export const COORD_SYSTEMS: { value: CoordSystem; label: string }[] = [
  { value: 'gcj02', label: 'GCJ-02（微信、高德、腾讯地图）' },
  { value: 'wgs84', label: 'WGS-84（GPS 原始坐标）' },
];

/**
 * A mainland mobile (11 digits, 1[3-9]…) or a landline with its area code (0756-1234567). The same rule as
 * the API's, which also takes the landline without its hyphen.
 */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** `HH:MM-HH:MM` ranges separated by commas; 24:00 may end a range, and a range may pass midnight. */
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d';
const RANGE = `${TIME}-(?:${TIME}|24:00)`;
export const OPENING_HOURS_PATTERN = new RegExp(`^${RANGE}(?:,${RANGE})*$`);

export interface Paged<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

export interface LatLng {
  lat: number;
  lng: number;
}

// ---------------------------------------------------------------------------------------------------------
// Islands

export interface IslandUnit {
  id: number;
  name: string;
  type: string;
  typeName: string;
  phone: string | null;
}

export interface Island {
  code: string;
  name: string;
  regionName: string;
  /** WGS-84. */
  centre: LatLng;
  gcj02: LatLng;
  units: IslandUnit[];
}

export function listIslands(signal?: AbortSignal): Promise<{ items: Island[] }> {
  return request<{ items: Island[] }>('/islands', { signal });
}

// ---------------------------------------------------------------------------------------------------------
// Places (POIs): merchants and service points

export interface Place {
  code: string;
  name: string;
  kind: PlaceKind;
  kindName: string;
  island: { code: string; name: string };
  /** WGS-84. */
  lat: number;
  lng: number;
  gcj02: LatLng;
  address: string;
  phone: string | null;
  openingHours: string | null;
  /** Judged by the server in the city's time; null when no hours are known. */
  openNow: boolean | null;
  complaintCount: number;
  active: boolean;
}

export interface PlaceQuery {
  island?: string;
  kind?: PlaceKind;
  /** Matches name or address. */
  q?: string;
  page?: number;
  pageSize?: number;
}

/** The body of POST /places; PUT /places/{code} takes any of these but `code`. */
export interface PlaceInput {
  code?: string;
  name: string;
  kind: PlaceKind;
  /** The island's code. */
  island: string;
  lat: number;
  lng: number;
  coordSystem?: CoordSystem;
  address: string;
  phone?: string;
  openingHours?: string;
  active?: boolean;
}

/** Fields left out are unchanged; null clears an optional one. */
export type PlaceChanges = Partial<Omit<PlaceInput, 'code' | 'phone' | 'openingHours'>> & {
  phone?: string | null;
  openingHours?: string | null;
};

const placePath = (code: string) => `/places/${encodeURIComponent(code)}`;

/** Includes inactive places. */
export function listPlaces(query: PlaceQuery, signal?: AbortSignal): Promise<Paged<Place>> {
  return request<Paged<Place>>('/places', { query: { ...query }, signal });
}

/** 201 the place, its code generated (PL000123) when none is given; 409 when the code exists. */
export function createPlace(input: PlaceInput, idempotencyKey: string = newIdempotencyKey()): Promise<Place> {
  return request<Place>('/places', { method: 'POST', body: input, idempotencyKey });
}

export function updatePlace(code: string, changes: PlaceChanges): Promise<Place> {
  return request<Place>(placePath(code), { method: 'PUT', body: changes });
}

/** An import of places: the residence imports' record, with its own kind. */
export type PlaceImport = Omit<DataImport, 'kind'> & { kind: 'places' };

/** The columns of a places CSV, in order (docs/api.md). */
export const PLACE_IMPORT_COLUMNS = 'code,name,kind,island_code,lat,lng,coord_system,address,phone,opening_hours,active';

/** 202: the import, still running; follow it with GET /imports/{id}. */
export function startPlaceImport(file: File, idempotencyKey: string = newIdempotencyKey()): Promise<PlaceImport> {
  const body = new FormData();
  body.append('kind', 'places');
  body.append('file', file, file.name);
  return request<PlaceImport>('/imports', { method: 'POST', body, idempotencyKey });
}

export function listPlaceImports(signal?: AbortSignal): Promise<{ items: PlaceImport[] }> {
  return request<{ items: PlaceImport[] }>('/imports', { query: { kind: 'places' }, signal });
}

// ---------------------------------------------------------------------------------------------------------
// Complaints (投诉)

export interface Complaint {
  code: string;
  category: ComplaintCategory;
  categoryName: string;
  description: string;
  place: { code: string; name: string } | null;
  island: { code: string; name: string };
  phone: string | null;
  status: EventStatus;
  statusName: string;
  unitName: string | null;
  overdue: boolean;
  createdAt: string | null;
}

export interface ComplaintQuery {
  island?: string;
  /** A place's code. */
  place?: string;
  status?: string;
  category?: ComplaintCategory;
  page?: number;
  pageSize?: number;
}

/** Newest first, in the caller's scope. */
export function listComplaints(query: ComplaintQuery, signal?: AbortSignal): Promise<Paged<Complaint>> {
  return request<Paged<Complaint>>('/tourism/complaints', { query: { ...query }, signal });
}

export interface MerchantComplaintStats {
  place: { code: string; name: string; kind: PlaceKind; kindName: string };
  island: { code: string; name: string };
  total: number;
  open: number;
  closed: number;
  /** Categories without complaints may be left out. */
  byCategory: Partial<Record<ComplaintCategory, number>>;
  lastAt: string | null;
}

export interface ComplaintStats {
  /** Most complained about first. */
  items: MerchantComplaintStats[];
  /** Complaints against no merchant. */
  general: number;
}

/** `from` and `to` are dates `YYYY-MM-DD` in the city's time. */
export function getComplaintStats(
  query: { island?: string; from?: string; to?: string },
  signal?: AbortSignal,
): Promise<ComplaintStats> {
  return request<ComplaintStats>('/tourism/complaints/stats', { query: { ...query }, signal });
}

// ---------------------------------------------------------------------------------------------------------
// Help calls (求助 / SOS)

export interface HelpCall {
  code: string;
  type: HelpType;
  typeName: string;
  status: EventStatus;
  statusName: string;
  /** The island serving the position; null is not expected, but the board must not break on it. */
  island: { code: string; name: string } | null;
  unit: { name: string; phone: string | null } | null;
  /** The staff member who accepted it (接单), once someone has. */
  responder: { name: string } | null;
  receivedAt: string | null;
  respondedAt: string | null;
  /** 15 minutes after it was received. */
  responseDueAt: string | null;
  overdue: boolean;
  /** Nobody accepted it in time: the island's and the district's supervisors have been told. */
  escalated: boolean;
  phone: string;
  text: string | null;
  /** WGS-84. */
  lat: number;
  lng: number;
  gcj02: LatLng | null;
  accuracyM: number | null;
  address: string | null;
  reporterName: string | null;
}

export interface HelpQuery {
  island?: string;
  /** true (the API's default): only unfinished ones; false: all. */
  open: boolean;
  page?: number;
  pageSize?: number;
}

/** The SOS board, newest first, in the caller's scope. */
export function listHelpCalls(query: HelpQuery, signal?: AbortSignal): Promise<Paged<HelpCall>> {
  return request<Paged<HelpCall>>('/tourism/help', { query: { ...query }, signal });
}
