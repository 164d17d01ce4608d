// One Idempotency-Key per intended creation: pressing 创建 again with the same data after a lost answer
// reuses the key, so the server replays the first result instead of creating a duplicate; changing the
// data is a new request and gets a new key (reusing it would be 422 idempotency-key-reused).
import { useCallback, useRef } from 'react';
import { newIdempotencyKey } from '../api/client';

export function useIdempotencyKey() {
  const last = useRef<{ body: string; key: string } | null>(null);
  const keyFor = useCallback((body: unknown): string => {
    const json = JSON.stringify(body);
    if (last.current?.body !== json) last.current = { body: json, key: newIdempotencyKey() };
    return last.current.key;
  }, []);
  /** After a success: an identical second record is a new intention, not a retry. */
  const reset = useCallback(() => {
    last.current = null;
  }, []);
  return { keyFor, reset };
}
