// The frame of every signed-in page: skip link, Sider navigation, header with the signed-in person, and the
// main region the pages render into.
import {
  AlertOutlined,
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BorderOuterOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  CommentOutlined,
  DiffOutlined,
  FundOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  MergeCellsOutlined,
  NotificationOutlined,
  PieChartOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  SendOutlined,
  ShopOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
  ToolOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Tag, type MenuProps } from 'antd';
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { getMe, signOut } from '../api/auth';
import { clearSession, getSession, isAbort, setSession } from '../api/client';
import {
  canModerate,
  canReadStaff,
  canUseEventScreen,
  canUseFeeScreen,
  canUseNotices,
  canUseResidenceScreen,
  canUseTourismScreen,
  type EventScreen,
  type FeeScreen,
  type ResidenceScreen,
  type TourismScreen,
} from '../session/permissions';
import { useSession } from '../session/use-session';
import { StaffInbox } from './staff-inbox';

const { Header, Sider, Content } = Layout;

/** The 事件 group, in the order of the work; each role sees the screens for its part of it. */
const EVENT_MENU: { screen: EventScreen; path: string; label: string; icon: ReactNode }[] = [
  { screen: 'dispatch', path: '/events/dispatch', label: '分拨队列', icon: <SendOutlined aria-hidden /> },
  { screen: 'handling', path: '/events/handling', label: '处置工作台', icon: <ToolOutlined aria-hidden /> },
  { screen: 'verification', path: '/events/verification', label: '核查', icon: <AuditOutlined aria-hidden /> },
  { screen: 'all', path: '/events', label: '全部事件', icon: <ProfileOutlined aria-hidden /> },
  { screen: 'categories', path: '/categories', label: '事件类别', icon: <TagsOutlined aria-hidden /> },
  { screen: 'open311-keys', path: '/open311-keys', label: 'Open311 密钥', icon: <KeyOutlined aria-hidden /> },
];

/** The 居住申报 group; a house's or a declaration's detail page sits under its list. */
const RESIDENCE_MENU: { screen: ResidenceScreen; path: string; label: string; icon: ReactNode }[] = [
  { screen: 'houses', path: '/residence/houses', label: '房屋', icon: <BankOutlined aria-hidden /> },
  { screen: 'qr-sheet', path: '/residence/qr-sheet', label: '二维码打印', icon: <QrcodeOutlined aria-hidden /> },
  { screen: 'declarations', path: '/residence/declarations', label: '申报记录', icon: <SolutionOutlined aria-hidden /> },
  { screen: 'tasks', path: '/residence/tasks', label: '核查任务', icon: <CheckSquareOutlined aria-hidden /> },
  { screen: 'imports', path: '/residence/imports', label: '数据导入', icon: <CloudUploadOutlined aria-hidden /> },
  { screen: 'collisions', path: '/residence/collisions', label: '数据碰撞', icon: <MergeCellsOutlined aria-hidden /> },
  { screen: 'grid-stats', path: '/residence/grid-stats', label: '网格颜色', icon: <PieChartOutlined aria-hidden /> },
];

/** The 社保费 group: reconciling the three ledgers, settling what did not match, the departments' keys. */
const FEE_MENU: { screen: FeeScreen; path: string; label: string; icon: ReactNode }[] = [
  { screen: 'reconciliations', path: '/fees/reconciliations', label: '社保对账', icon: <ReconciliationOutlined aria-hidden /> },
  { screen: 'discrepancies', path: '/fees/discrepancies', label: '差异处理', icon: <DiffOutlined aria-hidden /> },
  { screen: 'payers', path: '/fees/payers', label: '缴费人查询', icon: <SearchOutlined aria-hidden /> },
  { screen: 'keys', path: '/fees/keys', label: '接口密钥', icon: <KeyOutlined aria-hidden /> },
];

/** The 海岛服务 group: the SOS board first, since a help call has 15 minutes to be answered. */
const TOURISM_MENU: { screen: TourismScreen; path: string; label: string; icon: ReactNode }[] = [
  { screen: 'help', path: '/tourism/help', label: '求助看板', icon: <AlertOutlined aria-hidden /> },
  { screen: 'complaints', path: '/tourism/complaints', label: '游客投诉', icon: <CommentOutlined aria-hidden /> },
  { screen: 'places', path: '/tourism/places', label: '商家与服务点', icon: <ShopOutlined aria-hidden /> },
];

/** The 精准推送 group: the rules (and their editor), what was sent, and how it went. */
const NOTICE_MENU: { path: string; label: string; icon: ReactNode }[] = [
  { path: '/notices/rules', label: '推送规则', icon: <NotificationOutlined aria-hidden /> },
  { path: '/notices/deliveries', label: '发送记录', icon: <UnorderedListOutlined aria-hidden /> },
  { path: '/notices/stats', label: '推送统计', icon: <FundOutlined aria-hidden /> },
];

/** The menu entry a path belongs to: a queue by its own path, a 居住申报, 社保费, 海岛服务 or 精准推送 page (or
 *  its detail) by its list, anything else (an event's detail page under 全部事件) by its first segment. */
function menuKey(pathname: string): string {
  const exact = EVENT_MENU.find((m) => m.path === pathname);
  if (exact) return exact.path;
  const grouped = [...RESIDENCE_MENU, ...FEE_MENU, ...TOURISM_MENU, ...NOTICE_MENU].find(
    (m) => pathname === m.path || pathname.startsWith(`${m.path}/`),
  );
  return grouped ? grouped.path : '/' + (pathname.split('/')[1] ?? '');
}

/** Features on the roadmap: listed so staff know they are coming, but not reachable yet. */
const COMING = [{ key: 'evaluation', label: '统计排名', icon: <BarChartOutlined aria-hidden /> }];

export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  // The stored account may be stale (role changed, account disabled): confirm it once per visit.
  useEffect(() => {
    const controller = new AbortController();
    getMe(controller.signal).then(
      (account) => {
        const current = getSession();
        if (!current) return;
        if (account.kind !== 'staff') {
          clearSession('signed-out');
        } else if (JSON.stringify(account) !== JSON.stringify(current.user)) {
          setSession({ ...current, user: account });
        }
      },
      (error: unknown) => {
        // A 401 has already ended the session in the data provider; anything else can wait for the next call.
        if (!isAbort(error)) console.warn('GET /me failed', error);
      },
    );
    return () => controller.abort();
  }, []);

  // After a client-side navigation, take screen-reader and keyboard users to the new page's heading, as a
  // full page load would. Not on the first render: then the browser starts at the top anyway.
  const shownPath = useRef(location.pathname);
  useEffect(() => {
    if (shownPath.current === location.pathname) return;
    shownPath.current = location.pathname;
    const frame = requestAnimationFrame(() => {
      document.querySelector<HTMLElement>('#main-content h1')?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [location.pathname]);

  if (!session) return null;
  const { user } = session;

  const residenceItems = RESIDENCE_MENU.filter((m) => canUseResidenceScreen(user.role, m.screen)).map((m) => ({
    key: m.path,
    icon: m.icon,
    label: <Link to={m.path}>{m.label}</Link>,
  }));
  const feeItems = FEE_MENU.filter((m) => canUseFeeScreen(user.role, m.screen)).map((m) => ({
    key: m.path,
    icon: m.icon,
    label: <Link to={m.path}>{m.label}</Link>,
  }));
  const tourismItems = TOURISM_MENU.filter((m) => canUseTourismScreen(user.role, m.screen)).map((m) => ({
    key: m.path,
    icon: m.icon,
    label: <Link to={m.path}>{m.label}</Link>,
  }));
  const noticeItems = canUseNotices(user.role)
    ? NOTICE_MENU.map((m) => ({ key: m.path, icon: m.icon, label: <Link to={m.path}>{m.label}</Link> }))
    : [];
  const items: MenuProps['items'] = [
    { key: '/', icon: <HomeOutlined aria-hidden />, label: <Link to="/">工作台</Link> },
    {
      type: 'group',
      key: 'base',
      label: '基础数据',
      children: [
        { key: '/units', icon: <ApartmentOutlined aria-hidden />, label: <Link to="/units">单位</Link> },
        ...(canReadStaff(user.role)
          ? [{ key: '/staff', icon: <TeamOutlined aria-hidden />, label: <Link to="/staff">人员</Link> }]
          : []),
        { key: '/grids', icon: <BorderOuterOutlined aria-hidden />, label: <Link to="/grids">网格</Link> },
      ],
    },
    {
      type: 'group',
      key: 'events',
      label: '事件',
      children: EVENT_MENU.filter((m) => canUseEventScreen(user.role, m.screen)).map((m) => ({
        key: m.path,
        icon: m.icon,
        label: <Link to={m.path}>{m.label}</Link>,
      })),
    },
    ...(residenceItems.length > 0
      ? [{ type: 'group' as const, key: 'residence', label: '居住申报', children: residenceItems }]
      : []),
    ...(feeItems.length > 0 ? [{ type: 'group' as const, key: 'fees', label: '社保费', children: feeItems }] : []),
    ...(tourismItems.length > 0
      ? [{ type: 'group' as const, key: 'tourism', label: '海岛服务', children: tourismItems }]
      : []),
    ...(noticeItems.length > 0
      ? [{ type: 'group' as const, key: 'notices', label: '精准推送', children: noticeItems }]
      : []),
    ...(canModerate(user.role)
      ? [
          {
            type: 'group' as const,
            key: 'content-security',
            label: '内容安全',
            children: [
              {
                key: '/moderation',
                icon: <SafetyCertificateOutlined aria-hidden />,
                label: <Link to="/moderation">内容审核</Link>,
              },
            ],
          },
        ]
      : []),
    {
      type: 'group',
      key: 'coming',
      label: '业务功能',
      children: COMING.map((f) => ({
        key: f.key,
        icon: f.icon,
        disabled: true,
        label: (
          <span>
            {f.label}
            {/* The comma only keeps screen readers from running the two words together. */}
            <span className="sr-only">，</span>
            <span className="menu-soon">即将上线</span>
          </span>
        ),
      })),
    },
  ];
  // An event opened from a queue keeps that queue highlighted, so the menu says where Back leads.
  const cameFrom = (location.state as { from?: unknown } | null)?.from;
  const selected = menuKey(
    location.pathname.startsWith('/events/') && typeof cameFrom === 'string'
      ? cameFrom.split('?')[0]
      : location.pathname,
  );

  async function onSignOut() {
    setSigningOut(true);
    await signOut();
    navigate('/login', { replace: true });
  }

  function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
    // A bare #fragment would go through the router; move focus directly instead.
    event.preventDefault();
    const main = document.getElementById('main-content');
    main?.focus();
    main?.scrollIntoView();
  }

  return (
    <>
      <a className="skip-link" href="#main-content" onClick={skipToMain}>
        跳到主要内容
      </a>
      <Layout className="app-shell" style={{ minHeight: '100vh' }}>
        <Sider width={220} className="app-sider">
          <div className="app-brand">
            <AppstoreOutlined aria-hidden style={{ marginRight: 8 }} />
            Weave 工作台
          </div>
          <nav aria-label="主导航">
            <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={items} />
          </nav>
        </Sider>
        <Layout>
          <Header className="app-header">
            <StaffInbox />
            <span>
              当前用户：<strong>{user.displayName}</strong>
            </span>
            <Tag>{user.roleName}</Tag>
            <Button icon={<LogoutOutlined aria-hidden />} onClick={onSignOut} loading={signingOut}>
              退出登录
            </Button>
          </Header>
          <Content id="main-content" tabIndex={-1} className="app-content">
            <Outlet />
          </Content>
        </Layout>
      </Layout>
    </>
  );
}
