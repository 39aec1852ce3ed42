import { createContext, useContext } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SessionInfo, User } from '@mailroom/sdk';
import { client } from './client.ts';
import { keys } from './keys.ts';
import { isCode } from './errors.ts';

/** The signed-in session, or null when nobody is signed in (GET /me answers 401). */
export function useSessionQuery() {
  const qc = useQueryClient();
  return useQuery<SessionInfo | null>({
    queryKey: keys.me,
    queryFn: async () => {
      try {
        return await client.auth.me();
      } catch (e) {
        if (!isCode(e, 'UNAUTHENTICATED')) throw e;
        // Signed in a moment ago (e.g. the password was reset elsewhere): say why we are back at sign-in.
        if (qc.getQueryData(keys.me)) markSessionEnded();
        return null;
      }
    },
    retry: false,
    staleTime: 60_000,
  });
}

/**
 * The signed-in user, provided by the sign-in gate around the application frame. A context (not the
 * query) so that screens being torn down at sign-out still render with the user they were opened for.
 */
export const MeContext = createContext<User | null>(null);

export function useMe(): User {
  const user = useContext(MeContext);
  if (!user) throw new Error('useMe() is used outside the signed-in application frame');
  return user;
}

/** Replace the cached user after a change we made ourselves (settings, language). */
export function useSetMe() {
  const qc = useQueryClient();
  return (patch: Partial<User>) =>
    qc.setQueryData<SessionInfo | null>(keys.me, (s) => (s ? { ...s, user: { ...s.user, ...patch } } : s));
}

const ENDED = 'mailroom.sessionEnded';

/** Remember that the session ended under the user's feet, to say so on the sign-in screen. */
export function markSessionEnded() {
  try {
    sessionStorage.setItem(ENDED, '1');
  } catch {
    // without storage the sign-in screen simply shows no notice
  }
}

/** Whether the session ended (read once; the notice is shown a single time). */
export function takeSessionEnded(): boolean {
  try {
    const ended = sessionStorage.getItem(ENDED) === '1';
    sessionStorage.removeItem(ENDED);
    return ended;
  } catch {
    return false;
  }
}
