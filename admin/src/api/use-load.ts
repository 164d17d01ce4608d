// Loads data for a page through the data provider: cancels the previous load when its inputs change or the
// page goes away, so a slow answer to an old query never overwrites the answer to the current one.
import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { isAbort } from './client';

export interface Load<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Shows a fresher copy the page already has (a command's answer) without asking again. A method, so
   *  that a Load<number> still passes where a Load<number | undefined> is read. */
  replace(value: T): void;
}

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Load<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    load(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setLoading(false);
      },
      (reason: unknown) => {
        if (controller.signal.aborted || isAbort(reason)) return;
        setError(reason);
        setLoading(false);
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; the caller's deps say when it means something new.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const replace = useCallback((value: T) => {
    setData(value);
    setError(undefined);
  }, []);
  return { data, error, loading, reload, replace };
}
