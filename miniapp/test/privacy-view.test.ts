import { expect } from 'chai'
import { consentStatusText, guideItemRows, guideItemTitle, guideVersionText, parseGuide, usedByText } from '../src/services/privacy-view'

const GUIDE = {
  version: '2026-12-02',
  effectiveOn: '2026-12-02',
  controller: '本市城市运行管理服务中心（Weave 平台运营方）',
  items: [
    { key: 'location', item: '位置（上报、求助、查找附近服务时）', purpose: '确定问题所在网格', retention: '随事件档案保存', visibleTo: '处理该事件的工作人员', withdraw: '拒绝授权后可手动填写地址或选择海岛', usedBy: ['getLocation', 'chooseLocation'] },
    { key: 'identity', item: '身份证号与姓名', purpose: '核验身份', retention: '加密保存', visibleTo: '本人', withdraw: '注销账号', usedBy: [] },
    { key: 'new_kind', item: '新的一项', purpose: '', retention: '一年', visibleTo: '本人', withdraw: '注销账号', usedBy: 'junk' },
    { item: '' },
    'junk',
  ],
}

describe('privacy guide', () => {
  it('reads GET /privacy/guide, keeping every item with a name', () => {
    const guide = parseGuide(GUIDE)!
    expect(guide.version).to.equal('2026-12-02')
    expect(guide.items.map((i) => i.key)).to.deep.equal(['location', 'identity', 'new_kind'])
    expect(guide.items[2].usedBy).to.deep.equal([])
    expect(parseGuide({ items: [] })).to.equal(null)
    expect(parseGuide(null)).to.equal(null)
  })

  it('lays each item out as 收集内容, 目的, 保存期限, 谁能看到, 如何撤回 and the WeChat functions it covers', () => {
    const [location, identity, unknown] = parseGuide(GUIDE)!.items
    expect(guideItemRows(location).map((r) => r.label)).to.deep.equal(['收集内容', '目的', '保存期限', '谁能看到', '如何撤回', '相关功能'])
    expect(guideItemRows(location)[0].value).to.equal('位置（上报、求助、查找附近服务时）')
    expect(guideItemRows(location)[5].value).to.equal('获取位置、选择位置')
    expect(guideItemRows(identity)).to.have.length(5)
    // An empty text is shown as a dash, never as a missing row.
    expect(guideItemRows(unknown)[1]).to.deep.equal({ label: '目的', value: '—' })
    expect(guideItemTitle(location)).to.equal('位置')
    expect(guideItemTitle(unknown)).to.equal('新的一项')
  })

  it('names the version and the WeChat functions in Chinese', () => {
    expect(guideVersionText({ version: '2026-12-02', effectiveOn: '2026-12-02' })).to.equal('版本 2026-12-02，2026-12-02 起施行')
    expect(guideVersionText({ version: 'v3', effectiveOn: '' })).to.equal('版本 v3')
    expect(usedByText(['chooseMedia', 'scanCode', 'somethingNew'])).to.equal('拍照或选择照片、扫码、somethingNew')
  })

  it('says where the resident stands with their consent', () => {
    expect(consentStatusText({ version: '2026-12-02', agreedAt: '2026-12-02T02:30:00Z' }, '2026-12-02')).to.equal('您已于 2026-12-02 10:30 同意本指引（版本 2026-12-02）。')
    expect(consentStatusText({ version: '2026-12-02', agreedAt: 'x' }, '2027-01-01')).to.contain('旧版本')
    expect(consentStatusText(null, '2026-12-02')).to.contain('尚未同意')
  })
})
