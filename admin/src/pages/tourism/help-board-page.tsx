// 求助看板 (SOS board): tourists' help calls, newest first, refreshed every 5 s while the tab is visible. Each
// must be accepted (接单) within 15 minutes; that happens on the event's detail page, with the event commands.
// Overdue calls are tinted and say 已超时 in words, escalated ones 已督办; new arrivals are announced.
import { PauseCircleOutlined, PhoneOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState, type MouseEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import type { HelpCall } from '../../api/tourism';
import { canUseTourismScreen } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import type { FromList } from '../events/event-list';
import { OverdueTag, StatusTag } from '../events/event-tags';
import { DEFAULT_PAGE_SIZE, nextPage, pagination, positiveInt, toSearchParams } from '../residence/list-params';
import { formatDuration, formatLatLng, TOURISM_WHO } from './labels';
import { EscalatedTag, NewTag } from './tourism-tags';
import { useIslands } from './use-islands';
import { REFRESH_MS, useLiveHelp, useNow } from './use-live-help';
import { IslandFilter } from './island-filter';

const TITLE = '求助看板';

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

interface Filters {
  island?: string;
  all?: boolean;
}

export function HelpBoardPage() {
  const user = useSession()!.user;
  if (!canUseTourismScreen(user.role, 'help')) return <NoAccess title={TITLE} who={TOURISM_WHO} />;
  return <HelpBoard />;
}

const receivedMs = (h: HelpCall) => Date.parse(h.receivedAt ?? '') || 0;

/** States in which nobody is expected to answer the call any more. */
const FINISHED = new Set(['closed', 'rejected', 'merged']);

/** Waiting for someone to accept it (接单). */
function isWaiting(call: HelpCall): boolean {
  return !call.respondedAt && !call.responder && !FINISHED.has(call.status);
}

/** Overdue as the server says, or already past the deadline with nobody on it (the server marks it on its
 *  next check; the board should not wait for that to show it). */
function isOverdue(call: HelpCall, now: number): boolean {
  if (call.overdue) return true;
  const due = Date.parse(call.responseDueAt ?? '');
  return isWaiting(call) && Number.isFinite(due) && due <= now;
}

function HelpBoard() {
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<Filters>();
  const [paused, setPaused] = useState(false);
  const [news, setNews] = useState('');
  const islands = useIslands();
  const now = useNow();

  const island = params.get('island') ?? '';
  const all = params.get('all') === '1';
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;

  const live = useLiveHelp({ island: island || undefined, open: !all, page, pageSize }, paused);
  const { refresh, arrival } = live;

  useEffect(() => {
    filterForm.setFieldsValue({ island: island || undefined, all });
  }, [filterForm, island, all]);

  // Emptied first, so that "有 1 条新的求助" twice in a row is announced twice.
  useEffect(() => {
    if (!arrival) {
      setNews('');
      return;
    }
    setNews('');
    const timer = window.setTimeout(() => setNews(`有 ${arrival.count} 条新的求助`), 100);
    return () => window.clearTimeout(timer);
  }, [arrival]);

  function update(next: Partial<{ island: string; all: boolean; page: number; pageSize: number }>) {
    const merged = { island, all, page, pageSize, ...next };
    setParams(toSearchParams({ ...merged, all: merged.all ? '1' : undefined }));
  }

  const items = useMemo(
    () => [...(live.data?.items ?? [])].sort((a, b) => receivedMs(b) - receivedMs(a)),
    [live.data],
  );
  const overdueCount = items.filter((h) => isOverdue(h, now)).length;
  const waitingCount = items.filter(isWaiting).length;

  const fromList: FromList = { from: location.pathname + location.search, fromTitle: TITLE };
  const detailPath = (h: HelpCall) => `/events/${encodeURIComponent(h.code)}`;

  function openRow(h: HelpCall, click: MouseEvent<HTMLElement>) {
    // A click on a link in the row (the code, the phone number) is already handled by that link.
    if ((click.target as HTMLElement).closest('a, button, input')) return;
    navigate(detailPath(h), { state: fromList });
  }

  const columns: TableColumnsType<HelpCall> = [
    {
      title: '事件编号',
      dataIndex: 'code',
      key: 'code',
      className: 'nowrap',
      width: 180,
      fixed: 'left',
      // The link is the keyboard's way in; a click anywhere on the row does the same for the mouse.
      render: (code: string, h) => (
        <Link to={detailPath(h)} state={fromList}>
          {code}
        </Link>
      ),
    },
    {
      title: '收到时间',
      dataIndex: 'receivedAt',
      key: 'receivedAt',
      className: 'nowrap',
      width: 140,
      render: (at: string | null) => formatDateTime(at),
    },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, h) => (
        <Space size={4} wrap>
          <StatusTag status={h.status} statusName={h.statusName} />
          {isOverdue(h, now) ? <OverdueTag /> : null}
          {h.escalated ? <EscalatedTag /> : null}
          {live.fresh.has(h.code) ? <NewTag /> : null}
        </Space>
      ),
    },
    {
      title: '响应时限',
      key: 'responseDueAt',
      width: 170,
      render: (_, h) => <Deadline call={h} now={now} />,
    },
    { title: '类型', dataIndex: 'typeName', key: 'typeName', className: 'nowrap', width: 100 },
    { title: '海岛', key: 'island', className: 'nowrap', width: 90, render: (_, h) => h.island?.name ?? '—' },
    {
      title: '联系电话',
      key: 'phone',
      width: 150,
      render: (_, h) => (
        <>
          <a href={`tel:${h.phone}`} className="nowrap">
            <PhoneOutlined aria-hidden /> <span className="sr-only">拨打</span>
            {h.phone}
          </a>
          {h.reporterName ? <div className="muted">{h.reporterName}</div> : null}
        </>
      ),
    },
    {
      title: '位置（纬度, 经度）',
      key: 'position',
      width: 230,
      render: (_, h) => (
        <>
          <p className="position-text">{h.address || <span className="muted">未填写地址</span>}</p>
          <p className="position-text muted">
            <span className="coords">{formatLatLng(h)}</span>（WGS-84
            {h.accuracyM ? `，误差约 ${Math.round(h.accuracyM)} 米` : ''}）
          </p>
          {h.gcj02 ? (
            <p className="position-text muted">
              <span className="coords">{formatLatLng(h.gcj02)}</span>（GCJ-02）
            </p>
          ) : null}
        </>
      ),
    },
    {
      title: '求助内容',
      dataIndex: 'text',
      key: 'text',
      width: 220,
      render: (text: string | null) => (text ? <span className="pre-wrap">{text}</span> : <span className="muted">无</span>),
    },
    {
      title: '接单人',
      key: 'responder',
      className: 'nowrap',
      width: 110,
      render: (_, h) => h.responder?.name ?? <span className="muted">未接单</span>,
    },
  ];

  return (
    <>
      <PageHeading
        title={TITLE}
        extra={
          <Space wrap>
            <Button
              icon={paused ? <PlayCircleOutlined aria-hidden /> : <PauseCircleOutlined aria-hidden />}
              aria-pressed={paused}
              onClick={() => {
                setPaused(!paused);
                if (paused) refresh();
              }}
            >
              暂停自动刷新
            </Button>
            <Button icon={<ReloadOutlined aria-hidden />} onClick={refresh} loading={live.loading}>
              刷新
            </Button>
          </Space>
        }
      />
      <p className="page-intro">
        游客的紧急求助须在收到后 15 分钟内接单响应，超时未接单的会督办至海岛和所在区的督办员。点击事件编号进入事件详情，在那里接单、处置；回拨请点联系电话。
      </p>
      <div className="sos-live">
        <span className="muted">
          {paused
            ? '自动刷新已暂停'
            : `每 ${REFRESH_MS / 1000} 秒自动刷新，页面在后台时暂停`}
          {live.updatedAt ? `；最后更新 ${clock.format(live.updatedAt)}` : ''}
        </span>
        {/* Announces new help calls (polite: it does not cut into what is being read); shown as well. */}
        <p className="sos-news" aria-live="polite" aria-atomic="true">
          {news}
        </p>
      </div>
      {live.error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={
            live.data
              ? `刷新失败，下面显示的可能不是最新情况，将自动重试：${errorMessage(live.error)}`
              : `求助加载失败：${errorMessage(live.error)}`
          }
        />
      ) : null}
      <Form<Filters>
        form={filterForm}
        name="help-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选求助"
        initialValues={{ island: island || undefined, all }}
      >
        <IslandFilter islands={islands} width={160} onChange={(value: string | undefined) => update({ island: value ?? '', page: 1 })} />
        <Form.Item name="all" valuePropName="checked">
          <Checkbox onChange={(e) => update({ all: e.target.checked, page: 1 })}>包括已办结的求助</Checkbox>
        </Form.Item>
      </Form>
      {live.data ? (
        <p className="muted">
          {all ? '共' : '未办结的求助共'} {live.data.total} 条；本页 {overdueCount} 条已超时，{waitingCount} 条未接单。
        </p>
      ) : null}
      <Table<HelpCall>
        aria-label="求助列表"
        rowKey="code"
        columns={columns}
        dataSource={items}
        loading={live.loading}
        onChange={(change) => update(nextPage(change, pageSize))}
        onRow={(h) => ({ onClick: (click) => openRow(h, click) })}
        rowClassName={(h) => (isOverdue(h, now) ? 'event-row event-row-overdue sos-row-overdue' : 'event-row')}
        size="middle"
        scroll={{ x: 1520 }}
        pagination={pagination(page, pageSize, live.data?.total, '条')}
        locale={{
          emptyText: live.error && !live.data ? '加载失败，请稍后重试' : all ? '没有求助记录' : '目前没有未办结的求助',
        }}
      />
    </>
  );
}

/** The deadline and, until someone accepts the call, the time left or how far past it is. */
function Deadline({ call, now }: { call: HelpCall; now: number }) {
  const due = Date.parse(call.responseDueAt ?? '');
  let state: string;
  if (call.respondedAt) state = `已于 ${formatDateTime(call.respondedAt)} 接单`;
  else if (!isWaiting(call) || !Number.isFinite(due)) state = '';
  else if (due > now) state = `剩余 ${formatDuration(due - now)}`;
  else state = `已超出 ${formatDuration(now - due)}`;
  return (
    <>
      <div className="nowrap">{formatDateTime(call.responseDueAt, '未设定')}</div>
      {state ? <div className={call.respondedAt ? 'muted' : undefined}>{state}</div> : null}
    </>
  );
}
