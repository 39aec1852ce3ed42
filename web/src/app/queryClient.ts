import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isCode } from '../api/errors.ts';
import { keys } from '../api/keys.ts';
import { markSessionEnded } from '../api/session.ts';

/**
 * One query client. When any call says the session is gone (UNAUTHENTICATED), the cached
 * session is dropped so that the sign-in screen appears instead of a page of errors.
 */
export function makeQueryClient() {
  const qc: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (e, q) => signedOut(e, q.queryKey) }),
    mutationCache: new MutationCache({ onError: (e) => signedOut(e, null) }),
    defaultOptions: {
      queries: {
        retry: (count, e) => count < 2 && (isCode(e, 'NETWORK') || isCode(e, 'NOT_READY')),
        refetchOnWindowFocus: true,
        staleTime: 10_000,
      },
    },
  });
  const signedOut = (e: unknown, key: readonly unknown[] | null) => {
    if (!isCode(e, 'UNAUTHENTICATED') || key?.[0] === keys.me[0] || !qc.getQueryData(keys.me)) return;
    markSessionEnded();
    qc.setQueryData(keys.me, null);
  };
  return qc;
}
