// The resident services on the home page; each service's pages live in a subpackage.

export interface ServiceEntry {
  key: 'snap' | 'residence' | 'my-residence' | 'social-security' | 'tourism'
  /** One character drawn in a badge, standing in for an icon. */
  glyph: string
  title: string
  description: string
  /** Page path once the service has one; until then tapping says it is coming. */
  path?: string
}

export const SERVICES: readonly ServiceEntry[] = [
  { key: 'snap', glyph: '拍', title: '随手拍', description: '发现问题，拍照上报', path: '/pages/report/new/index' },
  { key: 'residence', glyph: '住', title: '居住申报', description: '扫码申报，两项即可', path: '/packages/residence/pages/declare/index' },
  { key: 'my-residence', glyph: '家', title: '我的居住', description: '登记状态、续期与搬离', path: '/packages/residence/pages/mine/index' },
  { key: 'social-security', glyph: '保', title: '社保查询', description: '缴费、欠费、退费实时查询', path: '/packages/fees/pages/index/index' },
  // Its accessible name is its visible text (「游客服务 海岛求助、投诉、周边服务」): an aria-label would have to repeat the
  // badge's glyph too, or axe's label-content-name-mismatch fails (WCAG 2.5.3).
  { key: 'tourism', glyph: '游', title: '游客服务', description: '海岛求助、投诉、周边服务', path: '/packages/tourism/pages/index/index' },
]
