/** What the accounts page announces: an account added or saved, or the return from signing in at a provider. */
export type Notice = { kind: 'created' | 'saved' } | { kind: 'connected'; accountId: string } | { kind: 'oauthError'; code: string };

/** Signing in at a provider ends at /settings/accounts?connected=<account id> or ?oauthError=<CODE>. */
export function noticeFromAddress(search: string): Notice | null {
  const q = new URLSearchParams(search);
  const accountId = q.get('connected');
  const code = q.get('oauthError');
  if (accountId) return { kind: 'connected', accountId };
  if (code) return { kind: 'oauthError', code };
  return null;
}
