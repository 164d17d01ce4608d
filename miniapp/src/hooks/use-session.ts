// Pages read the signed-in session through this hook and re-render when it changes (sign-in, sign-out, expiry).

import { useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { sessions } from '../services/http'
import type { Session } from '../services/session'

export function useSession(): Session | null {
  const [session, setSession] = useState<Session | null>(() => sessions.get())
  useEffect(() => sessions.subscribe(setSession), [])
  // Tab pages stay mounted: read storage again whenever the page comes back into view.
  useDidShow(() => setSession(sessions.get()))
  return session
}
