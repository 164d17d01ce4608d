// The privacy guide (隐私保护指引): every item Weave collects, why, for how long, who sees it and how to
// withdraw. One source: the API serves it to the mini-program's 隐私保护指引 page, and
// `npm run docs:privacy` writes the same text into docs/privacy.md (a test fails when the two differ).
// A new version (a change of what or why) makes residents agree again.

export const GUIDE_VERSION = '2026-12-02';

export interface GuideItem { key: string; item: string; purpose: string; retention: string; visibleTo: string; withdraw: string; usedBy: string[] }

export const PRIVACY_GUIDE = {
  version: GUIDE_VERSION,
  effectiveOn: '2026-12-02',
  controller: '本市城市运行管理服务中心（Weave 平台运营方）',
  items: [
    { key: 'account', item: '微信账号标识（openid）与登录时间', purpose: '识别您的账号，让您查看自己的上报、申报和消息', retention: '账号注销时删除', visibleTo: '仅系统使用，工作人员不可见', withdraw: '在「我的数据」中注销账号', usedBy: ['login'] },
    { key: 'location', item: '位置（上报、求助、查找附近服务时）', purpose: '确定问题所在网格并派遣给责任单位；为游客查找附近服务与最近的海岛', retention: '随事件档案保存；查找附近服务时不保存', visibleTo: '处理该事件的工作人员', withdraw: '拒绝授权后可手动填写地址或选择海岛', usedBy: ['getLocation', 'chooseLocation'] },
    { key: 'camera_album', item: '照片（拍摄或从相册选择）', purpose: '作为上报、投诉和核查的现场证据', retention: '随事件档案保存；保存前删除照片中的位置等元数据', visibleTo: '处理该事件的工作人员；审核通过后可在公开事件中显示', withdraw: '投诉和核查中照片为选填，拒绝授权后可不附照片；随手拍上报须附照片，拒绝授权后请改用游客投诉或热线反映', usedBy: ['chooseMedia', 'chooseImage'] },
    { key: 'scan', item: '扫描的房屋二维码', purpose: '找到您申报居住的房屋', retention: '不单独保存，仅用于查找房屋', visibleTo: '不保存', withdraw: '拒绝授权后可手动输入门牌上的房屋编码', usedBy: ['scanCode'] },
    { key: 'phone', item: '手机号（经您点击授权获取或自行填写）', purpose: '预填居住申报，便于网格员与您联系，匹配您名下的出租房屋', retention: '账号注销时删除', visibleTo: '工作人员和房东只能看到打码后的号码', withdraw: '在「我的数据」中注销账号', usedBy: ['getPhoneNumber'] },
    { key: 'identity', item: '身份证号与姓名（居住申报、社保绑定时填写）', purpose: '核验身份，办理居住登记，查询本人社保缴费', retention: '加密保存；申报有效期结束后按档案规定保存；注销账号时删除', visibleTo: '本人可见完整号码；工作人员只见打码号码，查看完整号码须填写理由并留痕', withdraw: '搬离申报或注销账号', usedBy: [] },
    { key: 'declaration', item: '居住申报（房屋、入住日期、性别、出生日期）', purpose: '流动人口居住登记与上门核查', retention: '有效期 12 个月，到期或搬离后按档案规定保存；注销账号时删除个人字段', visibleTo: '所在社区网格员与上级工作人员；房东可见打码后的租客信息', withdraw: '申报搬离或注销账号', usedBy: [] },
    { key: 'reports', item: '上报与评价（描述、照片、评价意见）', purpose: '登记、派遣、处置和核查城市问题，回复办理进度', retention: '作为城市事件档案长期保存；注销账号后以匿名方式保留', visibleTo: '处理该事件的工作人员；经内容审核后可公开', withdraw: '可匿名上报；注销账号后档案与您的账号脱钩', usedBy: [] },
    { key: 'fees', item: '社保缴费记录（绑定后查询）', purpose: '让您实时查看本人应缴、已缴、欠费和退费', retention: '绑定关系在注销账号时删除；缴费台账由税务、社保和财政部门保存', visibleTo: '本人；经授权的工作人员查询须留痕', withdraw: '注销账号即解除绑定', usedBy: [] },
    { key: 'tourist_phone', item: '游客投诉和求助时填写的电话', purpose: '工作人员回访或救援时联系您', retention: '随事件档案保存；注销账号时删除', visibleTo: '处理该投诉或求助的工作人员', withdraw: '电话在投诉中为选填；注销账号时删除', usedBy: [] },
    { key: 'notices', item: '消息订阅与阅读记录', purpose: '按您订阅的主题和办理进度推送通知，不发送广告', retention: '消息保存 1 年；注销账号时删除', visibleTo: '仅本人；工作人员只见打码的发送记录', withdraw: '在「消息订阅」中取消主题；在微信设置中关闭订阅消息', usedBy: ['requestSubscribeMessage'] },
  ] satisfies GuideItem[],
};

const MARK_START = '<!-- privacy-guide:start (generated from api/src/domains/privacy/guide.ts by `npm run docs:privacy`; do not edit) -->';
const MARK_END = '<!-- privacy-guide:end -->';

/** The guide as the markdown block of docs/privacy.md. */
export function guideMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    MARK_START,
    `## 隐私保护指引（版本 ${PRIVACY_GUIDE.version}，${PRIVACY_GUIDE.effectiveOn} 起施行）`,
    `个人信息处理者：${PRIVACY_GUIDE.controller}。`,
    '',
    '| 收集的信息 | 目的 | 保存期限 | 谁能看到 | 如何撤回 |',
    '| --- | --- | --- | --- | --- |',
    ...PRIVACY_GUIDE.items.map((i) => `| ${cell(i.item)} | ${cell(i.purpose)} | ${cell(i.retention)} | ${cell(i.visibleTo)} | ${cell(i.withdraw)} |`),
    MARK_END,
  ].join('\n');
}

/** docs/privacy.md with its generated block replaced (or appended when it has none yet). */
export function withGuide(doc: string): string {
  const start = doc.indexOf(MARK_START), end = doc.indexOf(MARK_END);
  if (start === -1 || end === -1) return `${doc.trimEnd()}\n\n${guideMarkdown()}\n`;
  return doc.slice(0, start) + guideMarkdown() + doc.slice(end + MARK_END.length);
}
