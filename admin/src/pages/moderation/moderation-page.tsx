// 内容审核 (dispatcher, supervisor, admin): residents' text that WeChat's content check asked a person to
// review, or could not check, and photos from the asynchronous check, in three tabs by status (待审核 first,
// the work to do) and filtered by kind. 通过 makes the content visible beyond its author and staff; 隐藏 asks
// for a reason. The answer replaces the row; a 409 (decided meanwhile) reloads the list. The tab, the kind
// and the paging live in the URL.
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Form, Select, Space, Table, Tabs, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import {
  approveModerationItem,
  listModerationItems,
  MODERATION_KINDS,
  MODERATION_STATUSES,
  type ModerationItem,
  type ModerationKind,
  type ModerationStatus,
} from '../../api/moderation';
import { useLoad } from '../../api/use-load';
import { canModerate } from '../../session/permissions';
import { useSession } from '../../session/use-session';
import { formatDateTime } from '../../ui/format';
import { NoAccess } from '../../ui/no-access';
import { PageHeading } from '../../ui/page-heading';
import type { FromList } from '../events/event-list';
import { DEFAULT_PAGE_SIZE, nextPage, pagination, positiveInt, toSearchParams } from '../residence/list-params';
import { personName } from '../residence/labels';
import { ToneTag } from '../residence/residence-tags';
import { HideModal } from './hide-modal';
import { isModerationKind, isModerationStatus, MODERATION_WHO, sourceName, subjectName, wechatLabel } from './labels';
import './moderation.css';

const TITLE = '内容审核';
const STALE = '该内容已由他人处理，列表已刷新';
const STATUS_TONES = { pending: 'warning', approved: 'success', hidden: 'error' } as const;

export function ModerationPage() {
  const user = useSession()!.user;
  if (!canModerate(user.role)) return <NoAccess title={TITLE} who={MODERATION_WHO} />;
  return <Moderation />;
}

function Moderation() {
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const status: ModerationStatus = isModerationStatus(statusParam) ? statusParam : 'pending';

  return (
    <>
      <PageHeading title={TITLE} />
      <p className="page-intro">
        居民提交的上报描述、投诉内容和评价意见先经微信内容安全检测：微信判定需人工复核或检测接口不可用时，内容在审核通过前只对提交人和工作人员可见；照片检测通过前不对外公开。每次审核都写入该事件的留痕记录。
      </p>
      <Tabs
        activeKey={status}
        // The kind chosen on one tab is kept on the others; the page starts again from the first.
        onChange={(key) => {
          const kind = params.get('kind');
          setParams(toSearchParams({ status: key === 'pending' ? undefined : key, kind, pageSize: params.get('pageSize') }));
        }}
        items={MODERATION_STATUSES.map((s) => ({
          key: s.value,
          label: s.label,
          children: s.value === status ? <ModerationList status={status} /> : null,
        }))}
      />
    </>
  );
}

function ItemContent({ item }: { item: ModerationItem }) {
  if (item.kind === 'photo') {
    return (
      <>
        <span className="moderation-field">{subjectName(item)}</span>
        {item.photoUrl ? (
          <a className="moderation-photo" href={item.photoUrl} target="_blank" rel="noopener noreferrer">
            <img src={item.photoUrl} alt={`事件 ${item.eventCode} 的照片`} loading="lazy" width={96} height={96} />
            <span className="sr-only">（在新窗口打开原图）</span>
          </a>
        ) : (
          <span className="muted">照片暂不可查看</span>
        )}
      </>
    );
  }
  return (
    <>
      <span className="moderation-field">{subjectName(item)}</span>
      {item.text ? <p className="moderation-text">{item.text}</p> : <span className="muted">（无内容）</span>}
    </>
  );
}

function ItemStatus({ item }: { item: ModerationItem }) {
  const by = personName(item.decidedBy);
  return (
    <>
      <ToneTag tone={STATUS_TONES[item.status] ?? 'default'}>{item.statusName || item.status}</ToneTag>
      {item.status !== 'pending' && (by || item.decidedAt) ? (
        <p className="moderation-decision">
          {by ? `${by} · ` : ''}
          {formatDateTime(item.decidedAt)}
        </p>
      ) : null}
      {item.reason ? <p className="moderation-reason">原因：{item.reason}</p> : null}
    </>
  );
}

function ModerationList({ status }: { status: ModerationStatus }) {
  const { message } = App.useApp();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [filterForm] = Form.useForm<{ kind?: ModerationKind }>();
  const [busy, setBusy] = useState<number | null>(null);
  const [hiding, setHiding] = useState<ModerationItem | null>(null);
  const [open, setOpen] = useState(false);

  const kindParam = params.get('kind');
  const kind = isModerationKind(kindParam) ? kindParam : undefined;
  const page = positiveInt(params.get('page')) ?? 1;
  const pageSize = positiveInt(params.get('pageSize')) ?? DEFAULT_PAGE_SIZE;

  const list = useLoad(
    (signal) => listModerationItems({ status, kind, page, pageSize }, signal),
    [status, kind, page, pageSize],
  );

  useEffect(() => {
    if (list.error) message.error(errorMessage(list.error));
  }, [list.error, message]);

  useEffect(() => {
    filterForm.setFieldsValue({ kind });
  }, [filterForm, kind]);

  function update(next: { kind?: ModerationKind; page?: number; pageSize?: number }) {
    const merged = { kind, page, pageSize, ...next };
    setParams(toSearchParams({ status: status === 'pending' ? undefined : status, ...merged }));
  }

  function replaceRow(next: ModerationItem) {
    const data = list.data;
    if (data) list.replace({ ...data, items: data.items.map((i) => (i.id === next.id ? next : i)) });
  }

  function stale() {
    message.warning(STALE);
    list.reload();
  }

  async function approve(item: ModerationItem) {
    setBusy(item.id);
    try {
      const next = await approveModerationItem(item.id);
      replaceRow(next);
      message.success(`已通过事件 ${next.eventCode} 的${subjectName(next)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) stale();
      else message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  }

  function startHiding(item: ModerationItem) {
    setHiding(item);
    setOpen(true);
  }

  const fromList: FromList = { from: location.pathname + location.search, fromTitle: TITLE };

  const columns: TableColumnsType<ModerationItem> = [
    {
      title: '事件编号',
      dataIndex: 'eventCode',
      key: 'eventCode',
      className: 'nowrap',
      width: 150,
      render: (code: string) => (
        <Link to={`/events/${encodeURIComponent(code)}`} state={fromList}>
          {code}
        </Link>
      ),
    },
    { title: '内容', key: 'content', width: 240, render: (_, item) => <ItemContent item={item} /> },
    {
      title: '来源',
      key: 'source',
      width: 170,
      render: (_, item) => {
        const label = wechatLabel(item.label);
        return (
          <>
            <div>{sourceName(item.source)}</div>
            {label ? <div className="muted">微信标签：{label}</div> : null}
          </>
        );
      },
    },
    {
      title: '提交时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      className: 'nowrap',
      width: 130,
      render: (at: string | null) => formatDateTime(at),
    },
    { title: '状态', key: 'status', width: 190, render: (_, item) => <ItemStatus item={item} /> },
    // Approved and hidden items cannot be decided again (409), so their tabs have no actions; on the
    // pending tab a row just decided stays, with its decision, until the list is loaded again.
    ...(status === 'pending'
      ? [
          {
            title: '操作',
            key: 'actions',
            fixed: 'right' as const,
            width: 120,
            render: (_: unknown, item: ModerationItem) => {
              if (item.status !== 'pending') return <span className="muted">已处理</span>;
              const subject = (
                <span className="sr-only">
                  （事件 {item.eventCode} 的{subjectName(item)}）
                </span>
              );
              return (
                <Space size={0}>
                  <Button
                    type="link"
                    size="small"
                    loading={busy === item.id}
                    disabled={busy !== null && busy !== item.id}
                    onClick={() => approve(item)}
                  >
                    通过
                    {subject}
                  </Button>
                  <Button type="link" size="small" danger disabled={busy === item.id} onClick={() => startHiding(item)}>
                    隐藏
                    {subject}
                  </Button>
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <>
      <Form<{ kind?: ModerationKind }>
        form={filterForm}
        name="moderation-filters"
        layout="inline"
        className="filters"
        requiredMark={false}
        role="search"
        aria-label="筛选内容"
        initialValues={{ kind }}
        onValuesChange={(_, values) => update({ kind: values.kind, page: 1 })}
      >
        <Form.Item label="类型" name="kind">
          <Select placeholder="全部类型" allowClear options={MODERATION_KINDS} style={{ width: 130 }} />
        </Form.Item>
        <Form.Item>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={list.reload} loading={list.loading}>
            刷新
          </Button>
        </Form.Item>
      </Form>
      <Table<ModerationItem>
        aria-label="内容审核列表"
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        onChange={(change) => update(nextPage(change, pageSize))}
        size="middle"
        scroll={{ x: 1000 }}
        pagination={pagination(page, pageSize, list.data?.total, '条')}
        locale={{
          emptyText: list.error ? '加载失败，请稍后重试' : status === 'pending' ? '没有待审核的内容' : '没有符合条件的内容',
        }}
      />
      {hiding ? (
        <HideModal
          item={hiding}
          open={open}
          onClose={() => setOpen(false)}
          onDone={(next) => {
            setOpen(false);
            replaceRow(next);
            message.success(`已隐藏事件 ${next.eventCode} 的${subjectName(next)}`);
          }}
          onStale={() => {
            setOpen(false);
            stale();
          }}
          afterClose={() => setHiding(null)}
        />
      ) : null}
    </>
  );
}
