import type { Queryable } from '../../platform/db/index.ts';

export interface SessionRow { id: string; user_id: string; csrf_token: string; expires_at: Date; last_seen_at: Date }
export interface ApiKeyRow { id: string; org_id: string; name: string; prefix: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }

export async function insertSession(q: Queryable, s: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date }) {
  const { rows } = await q.query<{ id: string }>(
    'insert into sessions (token_hash, user_id, csrf_token, expires_at) values ($1, $2, $3, $4) returning id',
    [s.tokenHash, s.userId, s.csrfToken, s.expiresAt],
  );
  return rows[0].id;
}

export async function sessionByHash(q: Queryable, tokenHash: string) {
  const { rows } = await q.query<SessionRow>('select id, user_id, csrf_token, expires_at, last_seen_at from sessions where token_hash = $1', [tokenHash]);
  return rows[0] ?? null;
}

export async function touchSession(q: Queryable, id: string, expiresAt: Date) {
  await q.query('update sessions set last_seen_at = now(), expires_at = $2 where id = $1', [id, expiresAt]);
}

export async function deleteSession(q: Queryable, id: string) {
  await q.query('delete from sessions where id = $1', [id]);
}

export async function recentFailures(q: Queryable, login: string, ip: string, windowSeconds: number) {
  const { rows } = await q.query<{ by_login: number; by_ip: number; oldest: Date | null }>(
    `select count(*) filter (where login = $1)::int as by_login, count(*) filter (where ip = $2)::int as by_ip,
            min(at) filter (where login = $1) as oldest
       from login_failures where (login = $1 or ip = $2) and at > now() - make_interval(secs => $3)`,
    [login, ip, windowSeconds],
  );
  return rows[0];
}

export async function recordFailure(q: Queryable, login: string, ip: string) {
  await q.query('insert into login_failures (login, ip) values ($1, $2)', [login, ip]);
}

/** Serialises sign-in attempts for one login within a transaction (so parallel guesses are counted). */
export async function lockLogin(q: Queryable, login: string) {
  await q.query('select pg_advisory_xact_lock(727003, hashtext($1))', [login]);
}

export async function clearFailures(q: Queryable, login: string) {
  await q.query('delete from login_failures where login = $1', [login]);
}

export async function apiKeyByHash(q: Queryable, keyHash: string) {
  const { rows } = await q.query<ApiKeyRow>('select id, org_id, name, prefix, created_at, last_used_at, revoked_at from api_keys where key_hash = $1', [keyHash]);
  return rows[0] ?? null;
}

export async function listApiKeys(q: Queryable, orgId: string) {
  const { rows } = await q.query<ApiKeyRow>(
    'select id, org_id, name, prefix, created_at, last_used_at, revoked_at from api_keys where org_id = $1 and revoked_at is null order by created_at desc, id',
    [orgId],
  );
  return rows;
}
