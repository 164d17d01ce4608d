// 游客投诉: tourists' complaints in two tabs, the list (each one an event, worked on its detail page) and
// 商家投诉统计 (per merchant, most complained about first). The tab and its filters live in the URL.
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { canUseTourismScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import { ComplaintList } from './complaint-list';
import { ComplaintStatsView } from './complaint-stats';
import { TOURISM_WHO } from './labels';

type Tab = 'list' | 'stats';

export function ComplaintsPage() {
  const user = useSession()!.user;
  if (!canUseTourismScreen(user.role, 'complaints')) return <NoAccess title="游客投诉" who={TOURISM_WHO} />;
  return <Complaints />;
}

function Complaints() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'stats' ? 'stats' : 'list';

  return (
    <>
      <PageHeading title="游客投诉" />
      <p className="page-intro">
        游客在小程序中提交的投诉：价格欺诈、食品卫生转海岛市场监管所，安全隐患、服务质量及其他转海岛旅游服务中心。每条投诉都是一个事件，点击事件编号在事件详情中办理。
      </p>
      <Tabs
        activeKey={tab}
        // The island chosen on one tab is kept on the other; the rest of the filters belong to their tab.
        onChange={(key) => {
          const next = new URLSearchParams();
          if (key === 'stats') next.set('tab', 'stats');
          const island = params.get('island');
          if (island) next.set('island', island);
          setParams(next);
        }}
        items={[
          { key: 'list', label: '投诉列表', children: tab === 'list' ? <ComplaintList /> : null },
          { key: 'stats', label: '商家投诉统计', children: tab === 'stats' ? <ComplaintStatsView /> : null },
        ]}
      />
    </>
  );
}
