// The signed-in staff member as React state, backed by the data provider's session store.
import { useSyncExternalStore } from 'react';
import { getSession, subscribeSession, type Session } from '../api/client';

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession);
}
