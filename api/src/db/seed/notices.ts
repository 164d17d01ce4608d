// Demo notice rules, so that 精准推送 has something to show on a fresh start: the old-age card at 60 (daily),
// arrears (monthly), and a typhoon warning for tourists on the islands (by hand, urgent). Seeded by the
// server with the demo data, not by the tests, which make their own rules.
import type { Database } from '../models';

export async function seedDemoNoticeRules(db: Database): Promise<void> {
  const { Staff, Region, NoticeRule } = db.models;
  if (await NoticeRule.count()) return;
  const by = async (username: string) => {
    const staff = (await Staff.findOne({ where: { username }, raw: true }))!;
    const region = (await Region.findByPk(staff.regionId, { raw: true }))!;
    return { createdBy: staff.id, updatedBy: staff.id, scopePath: region.path };
  };
  const now = new Date();
  const admin = await by('admin'), islands = await by('wanshan-supervisor');
  await NoticeRule.bulkCreate([
    {
      name: '年满60周岁办理老年人优待证', status: 'active', activatedAt: now, lastFiredAt: now, ...admin,
      audience: { all: [{ fact: 'age', age_reaches: 60 }, { fact: 'declared', eq: true }] },
      title: '老年人优待证办理提醒', body: '您已年满{age}周岁，可凭身份证到所在社区服务中心免费办理老年人优待证', link: null,
      templateKey: 'service_notice', triggerKind: 'cron', cron: '0 9 * * *', triggerEvent: null, dedupeKey: 'old-age-card-{year}', urgency: 'normal', endsOn: null,
    },
    {
      name: '社保费欠费提醒', status: 'active', activatedAt: now, lastFiredAt: now, ...admin,
      audience: { all: [{ fact: 'insured', eq: true }, { fact: 'arrearsMonths', range: { min: 1 } }] },
      title: '社保费缴费提醒', body: '您有 {arrearsMonths} 个月的社保费尚未缴清，请尽快补缴，以免影响待遇', link: '/packages/fees/pages/index/index',
      templateKey: 'fee_arrears', triggerKind: 'cron', cron: '0 10 16 * *', triggerEvent: null, dedupeKey: 'arrears-{month}', urgency: 'normal', endsOn: null,
    },
    {
      name: '海岛台风预警（游客）', status: 'draft', activatedAt: null, lastFiredAt: null, ...islands,
      audience: { all: [{ fact: 'island', in: ['GS', 'DA', 'WLD'] }, { fact: 'islandSeenOn', within_days: -3 }] },
      title: '台风预警：海上航线停航', body: '受台风影响，{island}往返航线今日停航，请留在安全区域，需要帮助请在小程序一键求助', link: '/packages/tourism/pages/index/index',
      templateKey: 'safety_alert', triggerKind: 'manual', cron: null, triggerEvent: null, dedupeKey: 'typhoon-{date}', urgency: 'urgent', endsOn: null,
    },
  ]);
}
