// Wording the contract leaves to the app: the names of sources, kinds and statuses, WeChat's labels, who
// may use the screen, and the reason's limits as sentences.
import {
  MODERATION_KINDS,
  MODERATION_SOURCES,
  MODERATION_STATUSES,
  type ModerationItem,
  type ModerationKind,
  type ModerationStatus,
} from '../../api/moderation';

export const MODERATION_WHO = '只有分拨员、督办员和系统管理员';

export const isModerationStatus = (value: string | null): value is ModerationStatus =>
  MODERATION_STATUSES.some((s) => s.value === value);

export const isModerationKind = (value: string | null): value is ModerationKind =>
  MODERATION_KINDS.some((k) => k.value === value);

export const kindName = (kind: ModerationKind): string => MODERATION_KINDS.find((k) => k.value === kind)?.label ?? kind;

/** The source in words; a source the app does not know yet is shown as the server wrote it. */
export const sourceName = (source: string): string => MODERATION_SOURCES.find((s) => s.value === source)?.label ?? source;

/** The item's own name for what it is ("描述", "评价意见", "照片"), or its kind when it has none. */
export const subjectName = (item: ModerationItem): string => item.fieldName || kindName(item.kind);

/** msg_sec_check's and media_check_async's label codes (WeChat's documentation). */
const WECHAT_LABELS: Record<string, string> = {
  '100': '正常',
  '10001': '广告',
  '20001': '时政',
  '20002': '色情',
  '20003': '辱骂',
  '20006': '违法犯罪',
  '20008': '欺诈',
  '20012': '低俗',
  '20013': '版权',
  '21000': '其他',
};

/** WeChat's label in words: a known code by its name, anything else as it came; null when there is none. */
export function wechatLabel(label: string | number | null | undefined): string | null {
  if (label === null || label === undefined || label === '') return null;
  const text = String(label);
  return WECHAT_LABELS[text] ?? text;
}
