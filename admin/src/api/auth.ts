// Staff sign-in, sign-out and the signed-in account (docs/api.md, "Sign-in").
import { clearSession, getSession, request, sessionFromApi, setSession, type Session, type StaffUser } from './client';

export async function signIn(username: string, password: string): Promise<Session> {
  const session = sessionFromApi(await request<Session>('/auth/staff', {
    method: 'POST',
    body: { username, password },
    auth: false,
  }));
  setSession(session);
  return session;
}

/** Ends the session on the server too; the local session goes whatever the server answers. */
export async function signOut(): Promise<void> {
  const session = getSession();
  try {
    if (session) {
      await request<void>('/auth/logout', {
        method: 'POST',
        body: { refreshToken: session.refreshToken },
        renew: false,
      });
    }
  } catch {
    // An unreachable server must not keep someone signed in on a shared counter computer.
  } finally {
    clearSession('signed-out');
  }
}

export type Account = StaffUser | { kind: 'resident'; id: number; nickname: string | null };

export function getMe(signal?: AbortSignal): Promise<Account> {
  return request<Account>('/me', { signal });
}
