// Content security (内容审核), the staff side (docs/api.md, "Moderation"): text that WeChat's msg_sec_check
// could not clear (it asked for a review, or could not be reached) and photos from media_check_async wait here
// until a moderator approves or hides them. Each decision is an evidence record on its event; a decided item
// cannot be decided again (409).
import { request } from './client';

// ---------------------------------------------------------------------------------------------------------
// Vocabularies. Items name their own status (statusName) and field (fieldName); these are for filters.

export type ModerationStatus = 'pending' | 'approved' | 'hidden';

/** In the contract's order; pending is the work to do and the list's default. */
export const MODERATION_STATUSES: { value: ModerationStatus; label: string }[] = [
  { value: 'pending', label: '待审核' },
  { value: 'approved', label: '已通过' },
  { value: 'hidden', label: '已隐藏' },
];

export type ModerationKind = 'text' | 'photo';

export const MODERATION_KINDS: { value: ModerationKind; label: string }[] = [
  { value: 'text', label: '文字' },
  { value: 'photo', label: '图片' },
];

/** Why the item is waiting: WeChat asked for a human review, could not be reached, or judged it risky. */
export type ModerationSource = 'wechat_review' | 'wechat_unavailable' | 'wechat_risky' | 'wechat_pending';

/** The contract gives the sources no names, so the names are the app's. */
export const MODERATION_SOURCES: { value: ModerationSource; label: string }[] = [
  { value: 'wechat_review', label: '微信判定需人工复核' },
  { value: 'wechat_unavailable', label: '微信内容安全接口不可用' },
  { value: 'wechat_risky', label: '微信判定违规' },
  // A photo sent to WeChat's asynchronous check whose verdict has not come back yet; a moderator may decide first.
  { value: 'wechat_pending', label: '等待微信图片检测结果' },
];

/** Reason text: 2–200 characters (the contract's limits; the server checks them again). */
export const HIDE_REASON_MIN = 2;
export const HIDE_REASON_MAX = 200;

export interface Paged<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Items

export interface ModerationItem {
  id: number;
  kind: ModerationKind;
  eventCode: string;
  /** The record's field the content belongs to (description, ratingComment, photo, …) and its name. */
  field: string;
  fieldName: string;
  /** The text, for kind "text"; null for photos. */
  text: string | null;
  /** For kind "photo": signed for staff, usable in <img> and links without a token; null for text. */
  photoUrl: string | null;
  status: ModerationStatus;
  statusName: string;
  source: ModerationSource;
  /** WeChat's label for the content, when it gave one. The contract does not give its shape: a code
   *  (msg_sec_check's 20001, 20003, …) or a name. */
  label: string | number | null;
  createdAt: string;
  decidedAt: string | null;
  /** The contract does not give its shape: a name, or an object naming the staff member. */
  decidedBy: unknown;
  /** Why it was hidden; null otherwise. */
  reason: string | null;
}

export interface ModerationQuery {
  status?: ModerationStatus;
  kind?: ModerationKind;
  page?: number;
  pageSize?: number;
}

export function listModerationItems(query: ModerationQuery, signal?: AbortSignal): Promise<Paged<ModerationItem>> {
  return request<Paged<ModerationItem>>('/moderation/items', { query: { ...query }, signal });
}

/** 通过: the content becomes visible beyond its author and staff. Answers the item as it now is. */
export function approveModerationItem(id: number): Promise<ModerationItem> {
  return request<ModerationItem>(`/moderation/items/${id}/approve`, { method: 'POST' });
}

/** 隐藏, with the reason (2–200 characters) kept in the event's evidence. Answers the item as it now is. */
export function hideModerationItem(id: number, reason: string): Promise<ModerationItem> {
  return request<ModerationItem>(`/moderation/items/${id}/hide`, { method: 'POST', body: { reason } });
}
