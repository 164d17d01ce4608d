// 事件详情: everything about one event and the commands the server allows this person on it. A command's
// answer replaces the page's copy of the event; a 409 (someone else was quicker) reloads it instead.
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Descriptions, Result, Row, Space, Spin, type DescriptionsProps } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { getEvent, type EventDetail } from '../../api/events';
import { useLoad } from '../../api/use-load';
import { formatDateTime } from '../../ui/format';
import { PageHeading } from '../../ui/page-heading';
import { EventActions } from './event-actions';
import { EvidenceDrawer } from './evidence-drawer';
import type { FromList } from './event-list';
import { PhotoStrip } from './event-photos';
import { EvidenceTag, LevelTag, OverdueTag, StatusTag } from './event-tags';
import { EventTimeline } from './event-timeline';

/** Photo URLs are signed for 10 minutes; a page left open longer fetches fresh ones when looked at again. */
const PHOTO_URL_LIFETIME_MS = 9 * 60_000;

/** docs/api.md names `source` but not its values; these are the likely ones, anything else is shown as is. */
const SOURCE_NAMES: Record<string, string> = {
  resident_report: '居民随手拍',
  grid_worker: '网格员上报',
  open311: 'Open311 接入',
  tourist_complaint: '游客投诉',
  tourist_help: '游客紧急求助',
  collision: '数据碰撞',
  hotline: '热线',
};

export function EventDetailPage() {
  const { code = '' } = useParams();
  const location = useLocation();
  const back = location.state as FromList | null;
  const { message } = App.useApp();
  const event = useLoad((signal) => getEvent(code, signal), [code]);
  const [evidenceOpen, setEvidenceOpen] = useState(false);
  const statusLine = useRef<HTMLParagraphElement>(null);

  const loadedAt = useRef(0);
  useEffect(() => {
    if (event.data) loadedAt.current = Date.now();
  }, [event.data]);
  const { reload } = event;
  useEffect(() => {
    function onVisible() {
      if (document.visibilityState === 'visible' && Date.now() - loadedAt.current > PHOTO_URL_LIFETIME_MS) reload();
    }
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [reload]);

  const onStale = useCallback(() => {
    message.warning('该事件状态已变化，已刷新');
    reload();
  }, [message, reload]);

  const title = `事件 ${code}`;
  const backLink = (
    <Link to={back?.from ?? '/events'}>
      <ArrowLeftOutlined aria-hidden /> 返回{back?.fromTitle ?? '全部事件'}
    </Link>
  );

  if (!event.data) {
    if (event.loading) {
      return (
        <>
          <PageHeading title={title} extra={backLink} />
          <Spin tip="正在加载事件…" size="large">
            <div style={{ minHeight: 160 }} />
          </Spin>
        </>
      );
    }
    const notFound = event.error instanceof ApiError && event.error.status === 404;
    return (
      <>
        <PageHeading title={title} extra={backLink} />
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? '没有找到该事件' : '事件加载失败'}
          subTitle={notFound ? '编号可能有误，或该事件不在您的管辖范围内。' : errorMessage(event.error)}
          extra={notFound ? null : <Button onClick={reload}>重试</Button>}
        />
      </>
    );
  }

  const e = event.data;
  return (
    <>
      <PageHeading
        title={title}
        extra={
          <Space wrap>
            {backLink}
            <Button icon={<ReloadOutlined aria-hidden />} onClick={reload} loading={event.loading}>
              刷新
            </Button>
          </Space>
        }
      />
      {/* Focus comes here after a command, so that a screen reader hears the new status. */}
      <p className="event-status-line" ref={statusLine} tabIndex={-1}>
        <span>当前状态：</span>
        <StatusTag id="event-status" status={e.status} statusName={e.statusName} />
        <LevelTag level={e.level} levelName={e.levelName} />
        {e.overdue ? <OverdueTag /> : null}
        <EvidenceTag verified={e.evidence.verified} />
        <Button type="link" size="small" onClick={() => setEvidenceOpen(true)}>
          查看留痕记录
        </Button>
      </p>
      {e.mergedInto ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            <>
              该事件已合并到{' '}
              <Link to={`/events/${encodeURIComponent(e.mergedInto)}`} state={back}>
                {e.mergedInto}
              </Link>
            </>
          }
        />
      ) : null}
      <EventActions
        event={e}
        onDone={(next, label) => {
          event.replace(next);
          message.success(`${label}：操作成功，当前状态为「${next.statusName}」`);
        }}
        onStale={onStale}
        afterDone={() => statusLine.current?.focus()}
      />
      <Row gutter={[24, 24]}>
        <Col xs={24} xl={14}>
          <EventFacts event={e} />
          <EventPhotos event={e} />
        </Col>
        <Col xs={24} xl={10}>
          <EventTimeline entries={e.timeline} />
        </Col>
      </Row>
      <EvidenceDrawer
        code={e.code}
        open={evidenceOpen}
        actionNames={Object.fromEntries(e.timeline.map((t) => [t.action, t.actionName]))}
        onClose={() => setEvidenceOpen(false)}
      />
    </>
  );
}

function EventFacts({ event: e }: { event: EventDetail }) {
  const items = useMemo<DescriptionsProps['items']>(
    () => [
      { key: 'code', label: '事件编号', children: e.code },
      { key: 'status', label: '状态', children: e.statusName },
      { key: 'category', label: '类别', children: e.categoryName },
      { key: 'level', label: '等级', children: e.levelName },
      {
        key: 'source',
        label: '来源',
        children: `${SOURCE_NAMES[e.source] ?? e.source}${e.anonymous ? '（匿名）' : ''}${e.isReporter ? '（本人上报）' : ''}`,
      },
      { key: 'createdAt', label: '上报时间', children: formatDateTime(e.createdAt) },
      { key: 'description', label: '问题描述', span: 'filled', children: <span className="pre-wrap">{e.description}</span> },
      { key: 'address', label: '地址', span: 'filled', children: e.address || '未填写' },
      {
        key: 'position',
        label: '位置',
        span: 'filled',
        children: `纬度 ${e.lat.toFixed(6)}，经度 ${e.lng.toFixed(6)}（WGS-84）`,
      },
      {
        key: 'grid',
        label: '网格',
        children: e.gridName
          ? `${e.gridName}（${e.gridCode}）${e.communityName ? `，${e.communityName}` : ''}`
          : '未定位到网格',
      },
      { key: 'unit', label: '责任单位', children: e.unitName || '未派遣' },
      { key: 'responseDueAt', label: '响应时限', children: formatDateTime(e.responseDueAt, '未设定') },
      {
        key: 'resolutionDueAt',
        label: '处置时限',
        children: (
          <Space size={8} wrap>
            {formatDateTime(e.resolutionDueAt, '未设定')}
            {e.overdue ? <OverdueTag /> : null}
          </Space>
        ),
      },
      ...(e.rating !== null && e.rating !== undefined
        ? [
            {
              key: 'rating',
              label: '群众评价',
              span: 'filled' as const,
              children: `${e.rating} 分（满分 5 分）${e.ratingComment ? `：${e.ratingComment}` : ''}`,
            },
          ]
        : []),
    ],
    [e],
  );
  return (
    <section aria-labelledby="event-facts-title" className="detail-section">
      <h2 id="event-facts-title" className="section-title">
        基本信息
      </h2>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={items}
        styles={{ label: { whiteSpace: 'nowrap' } }}
      />
    </section>
  );
}

function EventPhotos({ event: e }: { event: EventDetail }) {
  const reported = e.photos.filter((p) => p.kind === 'report');
  const resolved = e.photos.filter((p) => p.kind === 'resolution');
  return (
    <section aria-labelledby="event-photos-title" className="detail-section">
      <h2 id="event-photos-title" className="section-title">
        照片
      </h2>
      {e.photos.length === 0 ? <p className="muted">没有照片。</p> : null}
      {reported.length > 0 ? (
        <>
          <h3 className="subsection-title">上报照片</h3>
          <PhotoStrip photos={reported} label="上报照片" />
        </>
      ) : null}
      {resolved.length > 0 ? (
        <>
          <h3 className="subsection-title">处置照片</h3>
          <PhotoStrip photos={resolved} label="处置照片" />
        </>
      ) : null}
    </section>
  );
}
