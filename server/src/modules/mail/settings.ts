import type { Deps } from '../../deps.ts';
import type { Queryable } from '../../platform/db/index.ts';

/** The poll interval a person's client uses when its socket is down: their own, else the server's. */
export async function mailSettings(q: Queryable, config: Deps['config'], userId: string) {
  const { rows } = await q.query<{ poll_seconds: number | null }>('select poll_seconds from mail_settings where user_id = $1', [userId]);
  const own = rows[0]?.poll_seconds ?? null;
  return { pollSeconds: own ?? config.mailPollSeconds, serverPollSeconds: config.mailPollSeconds, ownPollSeconds: own };
}

export async function setMailPoll(deps: Pick<Deps, 'db' | 'config'>, userId: string, pollSeconds: number | null) {
  await deps.db.query(
    'insert into mail_settings (user_id, poll_seconds) values ($1, $2) on conflict (user_id) do update set poll_seconds = excluded.poll_seconds',
    [userId, pollSeconds],
  );
  return mailSettings(deps.db, deps.config, userId);
}
