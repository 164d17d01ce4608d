import { expect } from 'chai'
import { deletionConfirmed, exportFileName, exportText, parseMyData, sectionCountText } from '../src/services/my-data-view'

const ID = '440306199001011234'

const DATA = {
  exportedAt: '2026-12-02T07:30:00.000Z',
  profile: { id: 7, nickname: null, phone: '13800138000', createdAt: '2026-11-01T00:00:00Z', lastSignInAt: '2026-12-02T07:00:00Z' },
  consents: [{ version: '2026-12-02', agreedAt: '2026-12-02T07:01:00Z' }],
  declarations: [
    { houseCode: 'BA0304-003-0101', address: '河东花园3栋101室', name: '王小明', idNumber: ID, sex: 'male', birthDate: '1990-01-01', phone: '13800138000', moveInDate: '2026-11-01', moveOutDate: null, status: 'accepted', validUntil: '2027-11-01', createdAt: '2026-11-01T01:00:00Z' },
  ],
  reports: [{ code: 'BA-20261123-000001', source: 'tourist_complaint', category: '违法建设', description: '铁皮房', address: null, status: 'closed', createdAt: '2026-11-23T01:00:00Z', closedAt: '2026-11-24T01:00:00Z', rating: 5, ratingComment: '及时' }],
  complaints: [{ code: 'BA-20261123-000042', category: 'overcharging', place: { code: 'GS-R-001', name: '桂山海鲜大排档' }, description: '多收钱', phone: null, createdAt: '2026-11-23T02:00:00Z' }],
  helpCalls: [{ code: 'BA-20261123-000043', type: 'medical', phone: '13812345678', text: '', createdAt: '2026-11-23T03:00:00Z' }],
  fees: { binding: { name: '王小明', idNumber: ID, boundAt: '2026-11-02T00:00:00Z' }, certificates: [{ code: 'C-1', periodFrom: '2026-01', periodTo: '2026-06', issuedAt: '2026-07-01T00:00:00Z' }] },
  notices: { inbox: [{ title: '事件已派遣', body: '您上报的问题已派遣', createdAt: '2026-11-23T04:00:00Z', readAt: null }], topics: ['elderly_services', { topic: 'weather_alert', name: '台风与天气预警' }] },
  houses: [{ code: 'BA0304-003-0102', address: '河东花园3栋102室' }],
}

describe('my data', () => {
  it('lays GET /me/data out in the seven sections the resident knows', () => {
    const data = parseMyData(DATA)
    expect(data.sections.map((s) => s.title)).to.deep.equal(['个人资料', '居住申报', '上报', '投诉', '求助', '社保', '消息'])
    expect(data.sections.map(sectionCountText)).to.deep.equal(['共 2 条', '共 2 条', '共 1 条', '共 1 条', '共 1 条', '共 2 条', '共 2 条'])
    expect(data.exportedAt).to.equal('2026-12-02T07:30:00.000Z')
  })

  it('writes values in words and the city\'s time, and leaves out what is not on record', () => {
    const [profile, declarations, reports, complaints, help, fees, notices] = parseMyData(DATA).sections
    const rowsOf = (entry: { rows: { label: string; value: string }[] }) => Object.fromEntries(entry.rows.map((r) => [r.label, r.value]))
    expect(rowsOf(profile.entries[0])).to.include({ '账号 ID': '7', 昵称: '未设置', 最近登录: '2026-12-02 15:00' })
    expect(profile.entries[1].title).to.contain('2026-12-02')
    expect(declarations.entries[0].title).to.equal('河东花园3栋101室')
    expect(rowsOf(declarations.entries[0])).to.include({ 性别: '男', 状态: '已登记' })
    expect(rowsOf(declarations.entries[0])).not.to.have.property('搬离日期')
    expect(declarations.entries[1].title).to.equal('出租房屋：河东花园3栋102室')
    expect(rowsOf(reports.entries[0])).to.include({ 来源: '游客投诉', 状态: '已结案', 评价: '5 星' })
    expect(rowsOf(reports.entries[0])).not.to.have.property('地址')
    expect(rowsOf(complaints.entries[0])).to.include({ 投诉类型: '价格欺诈', 投诉对象: '桂山海鲜大排档' })
    expect(rowsOf(help.entries[0])).to.deep.equal({ 求助类型: '医疗急救', 联系电话: '13812345678', 求助时间: '2026-11-23 11:00' })
    expect(rowsOf(fees.entries[1])).to.include({ 缴费期间: '2026-01 至 2026-06' })
    expect(notices.entries[0].rows[0].value).to.equal('elderly_services、台风与天气预警')
    expect(rowsOf(notices.entries[1])).to.include({ 阅读时间: '未读' })
  })

  it('masks identity numbers on the page; the export keeps them in full (they are the owner\'s)', () => {
    const data = parseMyData(DATA)
    const shown = JSON.stringify(data.sections)
    expect(shown).not.to.contain(ID)
    expect(shown).to.contain('440306********1234')
    const text = exportText(data.raw)
    expect(JSON.parse(text)).to.deep.equal(DATA)
    expect(text).to.contain(ID)
    expect(text.endsWith('\n')).to.equal(true)
    expect(text.split('\n')[1]).to.match(/^ {2}"exportedAt"/)
  })

  it('shows empty sections with their own words when the API answers little', () => {
    const data = parseMyData({ profile: { id: 9 } })
    expect(data.sections.slice(1).every((s) => s.entries.length === 0 && s.empty.startsWith('暂无'))).to.equal(true)
    expect(parseMyData('junk').sections[0].entries).to.deep.equal([])
  })

  it('names the export by the time it was made, in the city\'s time', () => {
    const now = new Date('2026-12-03T00:00:00Z')
    expect(exportFileName('2026-12-02T07:30:00.000Z', now)).to.equal('weave-my-data-20261202-1530.json')
    expect(exportFileName(null, now)).to.equal('weave-my-data-20261203-0800.json')
    expect(exportFileName('not a date', now)).to.equal('weave-my-data-20261203-0800.json')
  })

  it('deletes the account only once 注销 is typed', () => {
    const cases: [string, boolean][] = [['注销', true], [' 注销 ', true], ['', false], ['注', false], ['注销账号', false], ['delete', false]]
    for (const [typed, ok] of cases) expect(deletionConfirmed(typed), typed).to.equal(ok)
  })
})
