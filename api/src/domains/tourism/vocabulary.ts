// The fixed vocabularies of island tourist services, with the Chinese names tourists and staff read, and the
// event category each complaint or help call is registered under.
import type { UnitType } from '../grid';

export const PLACE_KINDS = {
  restaurant: '餐饮', hotel: '住宿', ferry: '船运码头', scenic: '景点', clinic: '医疗点', police: '警务站', shop: '商店',
} as const;
export type PlaceKind = keyof typeof PLACE_KINDS;
export const placeKinds = Object.keys(PLACE_KINDS) as [PlaceKind, ...PlaceKind[]];

/**
 * Complaint categories: each is an event category (seeded by migration 0007) whose unit type decides the office
 * it reaches on the island: prices and food to market regulation, the rest to the tourism service centre.
 */
export const COMPLAINT_CATEGORIES = {
  overcharging: { name: '价格欺诈', eventCategory: 'tourist-overcharging' },
  hygiene: { name: '食品卫生', eventCategory: 'tourist-hygiene' },
  safety: { name: '安全隐患', eventCategory: 'tourist-safety' },
  service: { name: '服务质量', eventCategory: 'tourist-service' },
  other: { name: '其他', eventCategory: 'tourist-other' },
} as const;
export type ComplaintCategory = keyof typeof COMPLAINT_CATEGORIES;
export const complaintCategories = Object.keys(COMPLAINT_CATEGORIES) as [ComplaintCategory, ...ComplaintCategory[]];

export const HELP_TYPES = { medical: '医疗急救', lost: '走失寻人', weather: '因天气滞留', safety: '人身安全', other: '其他' } as const;
export type HelpType = keyof typeof HELP_TYPES;
export const helpTypes = Object.keys(HELP_TYPES) as [HelpType, ...HelpType[]];

/** Every help call, whatever its type, is one level-1 category dispatched to the island's on-duty room. */
export const HELP_EVENT_CATEGORY = 'tourist-help';

/** code, name, level, unit type, response hours, resolution hours (help's 15-minute response is set by the event rules). */
export const TOURIST_EVENT_CATEGORIES: [string, string, number, UnitType, number, number][] = [
  ['tourist-help', '游客紧急求助', 1, 'emergency', 1, 24],
  ['tourist-safety', '游客投诉：安全隐患', 2, 'tourism', 2, 48],
  ['tourist-overcharging', '游客投诉：价格欺诈', 3, 'market_regulation', 4, 72],
  ['tourist-hygiene', '游客投诉：食品卫生', 3, 'market_regulation', 4, 72],
  ['tourist-service', '游客投诉：服务质量', 4, 'tourism', 12, 120],
  ['tourist-other', '游客投诉：其他', 4, 'tourism', 24, 168],
];
