// Small pieces of wording the contract leaves to the app: dates without a time, sex, actor roles of a
// declaration's steps, and who resolved a task (whose shape docs/api.md does not give).

/** `YYYY-MM-DD` dates are already in the city's time zone; shown as they are. */
export function formatDate(date: string | null | undefined, empty = '—'): string {
  return date || empty;
}

export function sexName(sex: 'male' | 'female' | null | undefined): string {
  return sex === 'male' ? '男' : sex === 'female' ? '女' : '未填写';
}

/** Staff roles have their names in /meta; steps may also be taken by the tenant, the landlord or the system. */
const OTHER_ACTORS: Record<string, string> = {
  resident: '申报人',
  tenant: '申报人',
  landlord: '房东',
  system: '系统',
};

export function actorName(role: string | null, staffRoles: Record<string, string>): string {
  if (!role) return '系统';
  return staffRoles[role] ?? OTHER_ACTORS[role] ?? role;
}

export function personName(value: unknown): string | null {
  if (typeof value === 'string') return value || null;
  if (value && typeof value === 'object') {
    const v = value as { displayName?: unknown; name?: unknown; username?: unknown };
    for (const name of [v.displayName, v.name, v.username]) if (typeof name === 'string' && name) return name;
  }
  return null;
}

const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });

export function formatRate(rate: number | null): string {
  return rate === null || rate === undefined ? '无在住房屋' : percent.format(rate);
}
