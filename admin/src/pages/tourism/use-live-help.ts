// The SOS board's data: GET /tourism/help asked every 5 s while the tab is visible (a hidden tab asks
// nothing, and asks at once when it is shown again), never twice at the same time. Codes that were not on
// the board before are reported as new, so the page can announce them; a change of filters starts afresh.
import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbort } from '../../api/client';
import { listHelpCalls, type HelpCall, type HelpQuery, type Paged } from '../../api/tourism';

export const REFRESH_MS = 5000;

export interface LiveHelp {
  data: Paged<HelpCall> | undefined;
  error: unknown;
  /** Only the first load of a query: a refresh replaces the rows quietly. */
  loading: boolean;
  updatedAt: Date | null;
  /** Codes that appeared since the first load of this query. */
  fresh: ReadonlySet<string>;
  /** Bumped with each batch of new codes, with its size, so that the same count is announced again. */
  arrival: { count: number; seq: number } | null;
  refresh: () => void;
}

export function useLiveHelp(query: HelpQuery, paused: boolean): LiveHelp {
  const [data, setData] = useState<Paged<HelpCall>>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [arrival, setArrival] = useState<{ count: number; seq: number } | null>(null);
  const fetchNow = useRef<() => void>(() => undefined);
  const pausedRef = useRef(paused);
  useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);

  const { island, open, page, pageSize } = query;

  useEffect(() => {
    const alive = new AbortController();
    let inFlight = false;
    // null until the first answer of this query: what is on the board then is not news.
    let seen: Set<string> | null = null;
    // A call older than the newest one seen is not news either: it slid onto the page because another left
    // it (closed, or past the page's end), not because a tourist just asked.
    let newestSeen = -Infinity;
    setLoading(true);
    setData(undefined);
    setError(undefined);
    setFresh(new Set());
    setArrival(null);

    async function load() {
      if (inFlight) return;
      inFlight = true;
      try {
        const next = await listHelpCalls({ island, open, page, pageSize }, alive.signal);
        if (alive.signal.aborted) return;
        const unseen = seen === null ? [] : next.items.filter((h) => !seen!.has(h.code));
        const added = unseen.filter((h) => (Date.parse(h.receivedAt ?? '') || 0) >= newestSeen).map((h) => h.code);
        seen = new Set([...(seen ?? []), ...next.items.map((h) => h.code)]);
        for (const h of next.items) newestSeen = Math.max(newestSeen, Date.parse(h.receivedAt ?? '') || 0);
        if (added.length > 0) {
          setFresh((before) => new Set([...before, ...added]));
          setArrival((before) => ({ count: added.length, seq: (before?.seq ?? 0) + 1 }));
        }
        setData(next);
        setError(undefined);
        setUpdatedAt(new Date());
      } catch (reason) {
        if (alive.signal.aborted || isAbort(reason)) return;
        // The rows shown stay; the page says they may be stale.
        setError(reason);
      } finally {
        inFlight = false;
        if (!alive.signal.aborted) setLoading(false);
      }
    }

    fetchNow.current = () => void load();
    void load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible' && !pausedRef.current) void load();
    }, REFRESH_MS);
    function onVisibility() {
      if (document.visibilityState === 'visible' && !pausedRef.current) void load();
    }
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      alive.abort();
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      fetchNow.current = () => undefined;
    };
  }, [island, open, page, pageSize]);

  const refresh = useCallback(() => fetchNow.current(), []);
  return { data, error, loading, updatedAt, fresh, arrival, refresh };
}

/** The time, re-read every second while the tab is visible, for the countdowns to the response deadline. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') setNow(Date.now());
    }, intervalMs);
    function onVisibility() {
      if (document.visibilityState === 'visible') setNow(Date.now());
    }
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [intervalMs]);
  return now;
}
