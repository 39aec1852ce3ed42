import type { Deps } from '../../../deps.ts';
import { AppError } from '../../../platform/errors/index.ts';
import { userByLogin, verifyPassword } from '../../users/index.ts';
import { clearFailures, insertSession, lockLogin, recentFailures, recordFailure } from '../store.ts';
import { randomToken, sha256 } from '../tokens.ts';

/**
 * Signs a person in with login and password. Attempts are counted per login and per address in
 * the database (so every process sees them) and cleared on success; past the limit: RATE_LIMITED.
 */
export async function login(deps: Pick<Deps, 'db' | 'config' | 'now'>, input: { login: string; password: string; ip: string }) {
  const { loginMaxFailures: max, loginWindowSeconds: window } = deps.config;
  // the attempt is counted before the password is checked, so parallel guesses cannot slip past the limit
  await deps.db.tx(async (tx) => {
    await lockLogin(tx, input.login);
    const f = await recentFailures(tx, input.login, input.ip, window);
    if (f.by_login >= max || f.by_ip >= max * 4) {
      const oldest = f.oldest ? new Date(f.oldest).getTime() : deps.now().getTime();
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + window * 1000 - deps.now().getTime()) / 1000));
      throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
    await recordFailure(tx, input.login, input.ip);
  });
  const user = await userByLogin(deps.db, input.login);
  const ok = await verifyPassword(user?.active ? user.password_hash : null, input.password);
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS');
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(deps.now().getTime() + deps.config.sessionTtlHours * 3600_000);
  const sessionId = await deps.db.tx(async (tx) => {
    await clearFailures(tx, input.login);
    return insertSession(tx, { tokenHash: sha256(token), userId: user.id, csrfToken, expiresAt });
  });
  return { token, csrfToken, sessionId, user, expiresAt };
}
