// The staff inbox in the header, for everyone signed in: a 消息 button with the unread count (asked every
// 30 s while the tab is visible, and at once when it is shown again), opening a drawer with the messages —
// SOS calls, new dispatches, verification tasks, overdue events. Opening a message marks it read and, when
// it is about an event, goes to the event; 全部已读 marks them all.
import { BellOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Drawer, Spin, Tag } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage, isAbort } from '../api/client';
import {
  getStaffUnreadCount,
  listStaffInbox,
  markStaffInboxAllRead,
  markStaffInboxRead,
  type InboxItem,
} from '../api/notices';
import { formatDateTime } from '../ui/format';
import '../pages/notices/notices.css';

export const UNREAD_POLL_MS = 30_000;
const PAGE_SIZE = 20;

/** The unread count, asked every 30 s while the tab is visible; `set` takes a fresher count from elsewhere. */
function useUnreadCount() {
  const [unread, setUnread] = useState<number | null>(null);
  const ask = useRef<() => void>(() => undefined);

  useEffect(() => {
    const alive = new AbortController();
    let inFlight = false;
    async function load() {
      if (inFlight) return;
      inFlight = true;
      try {
        const { unreadCount } = await getStaffUnreadCount(alive.signal);
        if (!alive.signal.aborted) setUnread(unreadCount);
      } catch (error) {
        // The badge keeps its last count; the next tick tries again. A 401 has ended the session already.
        if (!isAbort(error)) console.warn('GET /staff/me/inbox/unread-count failed', error);
      } finally {
        inFlight = false;
      }
    }
    ask.current = () => void load();
    void load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, UNREAD_POLL_MS);
    function onVisibility() {
      if (document.visibilityState === 'visible') void load();
    }
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      alive.abort();
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      ask.current = () => undefined;
    };
  }, []);

  const refresh = useCallback(() => ask.current(), []);
  return { unread, setUnread, refresh };
}

export function StaffInbox() {
  const { unread, setUnread, refresh } = useUnreadCount();
  const [open, setOpen] = useState(false);
  const count = unread ?? 0;
  const label = count > 0 ? `消息，${count} 条未读` : '消息，没有未读';

  return (
    <>
      <Button
        id="staff-inbox-button"
        className="inbox-button"
        icon={<BellOutlined aria-hidden />}
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        消息
        {count > 0 ? (
          <span className="inbox-badge" aria-hidden>
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </Button>
      <Drawer
        title={count > 0 ? `消息（${count} 条未读）` : '消息'}
        open={open}
        onClose={() => {
          setOpen(false);
          refresh();
        }}
        size={480}
        destroyOnHidden
      >
        {/* Mounted only while open, so each opening shows the inbox as it is now. */}
        {open ? <InboxBody onUnread={setUnread} onNavigate={() => setOpen(false)} /> : null}
      </Drawer>
    </>
  );
}

function InboxBody({ onUnread, onNavigate }: { onUnread: (n: number) => void; onNavigate: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [items, setItems] = useState<InboxItem[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [unread, setUnread] = useState(0);
  const [markingAll, setMarkingAll] = useState(false);
  // Messages opened in this drawer stay buttons, so focus does not fall off the one just pressed.
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());

  const showUnread = useCallback(
    (n: number) => {
      setUnread(n);
      onUnread(n);
    },
    [onUnread],
  );

  const loadPage = useCallback(
    async (before: number | undefined, signal?: AbortSignal) => {
      setLoading(true);
      setError(null);
      try {
        const page = await listStaffInbox({ limit: PAGE_SIZE, before, unread: unreadOnly }, signal);
        if (signal?.aborted) return;
        setItems((current) => (before === undefined ? page.items : [...current, ...page.items]));
        setNextBefore(page.nextBefore ?? null);
        showUnread(page.unreadCount ?? 0);
      } catch (e) {
        if (signal?.aborted || isAbort(e)) return;
        setError(e);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [unreadOnly, showUnread],
  );

  useEffect(() => {
    const controller = new AbortController();
    void loadPage(undefined, controller.signal);
    return () => controller.abort();
  }, [loadPage]);

  async function openItem(item: InboxItem) {
    setOpened((s) => new Set([...s, item.id]));
    if (!item.readAt) {
      const readAt = new Date().toISOString();
      setItems((list) => list.map((i) => (i.id === item.id ? { ...i, readAt } : i)));
      showUnread(Math.max(0, unread - 1));
      try {
        await markStaffInboxRead(item.id);
      } catch (e) {
        message.error(errorMessage(e));
        setItems((list) => list.map((i) => (i.id === item.id ? { ...i, readAt: null } : i)));
        showUnread(unread);
        return;
      }
    }
    if (item.eventCode) {
      onNavigate();
      navigate(`/events/${encodeURIComponent(item.eventCode)}`);
    }
  }

  async function markAll() {
    setMarkingAll(true);
    try {
      await markStaffInboxAllRead();
      const readAt = new Date().toISOString();
      setItems((list) => (unreadOnly ? [] : list.map((i) => (i.readAt ? i : { ...i, readAt }))));
      if (unreadOnly) setNextBefore(null);
      showUnread(0);
      message.success('已全部标为已读');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setMarkingAll(false);
    }
  }

  return (
    <>
      <div className="inbox-toolbar">
        <Checkbox id="staff-inbox-unread-only" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)}>
          只看未读
        </Checkbox>
        <Button id="staff-inbox-read-all" onClick={markAll} loading={markingAll} disabled={unread === 0}>
          全部已读
        </Button>
      </div>
      <p role="status" className="muted">
        {loading && items.length === 0 ? '正在加载消息…' : unread > 0 ? `${unread} 条未读消息` : '没有未读消息'}
      </p>
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(error)}
          action={
            <Button size="small" onClick={() => void loadPage(undefined)}>
              重试
            </Button>
          }
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {items.length === 0 && !loading && !error ? <p>{unreadOnly ? '没有未读消息。' : '还没有消息。'}</p> : null}
      <ul className="inbox-list" aria-label="消息列表">
        {items.map((item) => {
          const isUnread = !item.readAt;
          const content = (
            <>
              <span className="inbox-item-title">
                {isUnread ? <Tag className="event-tag tone-processing">未读</Tag> : null}
                {item.topicName ? <span className="muted">[{item.topicName}]</span> : null}
                {item.title}
              </span>
              <span className="inbox-item-body">{item.body}</span>
              <span className="inbox-item-meta">
                {formatDateTime(item.createdAt)}
                {item.eventCode ? ` · 事件 ${item.eventCode}` : ''}
                {isUnread ? '' : ' · 已读'}
              </span>
            </>
          );
          const interactive = isUnread || !!item.eventCode || opened.has(item.id);
          return (
            <li key={item.id}>
              {interactive ? (
                <button
                  type="button"
                  className={`inbox-item${isUnread ? ' inbox-item-unread' : ''}`}
                  onClick={() => void openItem(item)}
                >
                  {content}
                  <span className="sr-only">
                    {item.eventCode ? '，打开事件详情' : isUnread ? '，点击标为已读' : ''}
                  </span>
                </button>
              ) : (
                <div className="inbox-item">{content}</div>
              )}
            </li>
          );
        })}
      </ul>
      {loading && items.length > 0 ? <Spin size="small" /> : null}
      {nextBefore !== null && !loading ? (
        <Button block style={{ marginTop: 12 }} onClick={() => void loadPage(nextBefore)}>
          加载更早的消息
        </Button>
      ) : null}
    </>
  );
}
