// Resident identity numbers (GB 11643-1999): 17 digits and a check character. Pure; no number is ever logged.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'length' | 'characters' | 'birth_date' | 'check_digit';

export const ID_NUMBER_PROBLEMS: Record<IdNumberProblem, string> = {
  length: '身份证号应为 18 位',
  characters: '身份证号前 17 位应为数字，最后一位为数字或 X',
  birth_date: '身份证号中的出生日期无效',
  check_digit: '身份证号校验位不正确，请核对',
};

/** Upper-cases a trailing x and drops spaces people type between groups. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** The first problem with a (normalised) number, or null when it is a valid identity number. */
export function idNumberProblem(id: string, today?: Date): IdNumberProblem | null {
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  const birth = birthDateOf(id);
  if (!birth) return 'birth_date';
  if (today && birth > today.toISOString().slice(0, 10)) return 'birth_date';
  if (birth < '1900-01-01') return 'birth_date';
  if (checkCharacter(id.slice(0, 17)) !== id[17]) return 'check_digit';
  return null;
}

/** YYYY-MM-DD encoded in positions 7–14, or null when it is not a real date. */
export function birthDateOf(id: string): string | null {
  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** The 17th digit is odd for men, even for women. */
export function sexOf(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

/** 440306********1234: the region and the last four stay, so staff and tenants can tell entries apart. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

/** 张*三 / 李* : enough for a landlord to recognise a tenant, not enough to identify a stranger. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** A valid number for tests and generators: 17 digits and their check character. */
export function withCheckCharacter(first17: string): string {
  return first17 + checkCharacter(first17);
}
