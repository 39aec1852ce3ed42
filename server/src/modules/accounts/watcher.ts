import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../deps.ts';
import { openImap } from '../../protocols/imap-client/open.ts';
import { incomingOptions } from './credentials.ts';
import { accountById } from './store.ts';
import { requestSync } from './sync/run.ts';

const TICK_MS = 5_000;
const LEASE_SECONDS = 60;

/**
 * Runs in every process with workers: asks for a pass over accounts whose last attempt is older
 * than ACCOUNT_SYNC_SECONDS or whose synchroniser died holding a request, and keeps one IMAP IDLE
 * connection on INBOX per full-mode account (one process holds it, by a lease on the account
 * row), so new mail starts a pass at once.
 */
export class AccountWatcher {
  private idle = new Map<string, ImapFlow>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: Pick<Deps, 'db' | 'config' | 'sealer' | 'mailCa' | 'log' | 'fetch'>, private readonly workerId: string) {}

  start() {
    this.timer = setInterval(() => void this.tick().catch((err) => this.deps.log.warn({ err }, 'account watcher tick failed')), TICK_MS);
    this.timer.unref();
    void this.tick().catch(() => {});
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    const ids = [...this.idle.keys()];
    await Promise.all([...this.idle.values()].map((c) => c.logout().catch(() => c.close())));
    this.idle.clear();
    if (ids.length) await this.deps.db.query('update mail_accounts set watch_by = null, watch_until = null where id = any($1::uuid[]) and watch_by = $2', [ids, this.workerId]).catch(() => {});
  }

  async tick() {
    const { db, config } = this.deps;
    await db.query(
      `select mail_request_sync(id) from mail_accounts
        where mode = 'full' and status <> 'disabled' and (sync_until is null or sync_until < now())
          and (coalesce(last_try_at, 'epoch') < now() - make_interval(secs => $1)
               or (sync_by is not null and sync_wanted is not null))`,
      [config.accountSyncSeconds],
    );
    if (!config.accountIdle || this.stopped) return;
    const { rows } = await db.query<{ id: string }>(
      `update mail_accounts set watch_by = $1, watch_until = now() + make_interval(secs => $2)
        where protocol = 'imap' and mode = 'full' and status = 'ready'
          and (watch_until is null or watch_until < now() or watch_by = $1)
        returning id`,
      [this.workerId, LEASE_SECONDS],
    );
    const mine = new Set(rows.map((r) => r.id));
    for (const [id, c] of this.idle) if (!mine.has(id)) (this.idle.delete(id), void c.logout().catch(() => c.close()));
    for (const id of mine) if (!this.idle.has(id)) await this.watch(id).catch((err) => this.deps.log.warn({ err, accountId: id }, 'idle connection failed'));
  }

  private async watch(id: string) {
    const account = await accountById(this.deps.db, id);
    if (!account) return;
    const client = await openImap(await incomingOptions(this.deps, account));
    this.idle.set(id, client);
    const forget = () => {
      if (this.idle.get(id) === client) this.idle.delete(id);
    };
    client.on('close', forget);
    client.on('exists', () => void requestSync(this.deps.db, id).catch(() => {}));
    client.on('expunge', () => void requestSync(this.deps.db, id).catch(() => {}));
    client.on('flags', () => void requestSync(this.deps.db, id).catch(() => {}));
    await client.mailboxOpen('INBOX', { readOnly: true });
    // mail that came between the last pass and this watch raises no event: look once now
    await requestSync(this.deps.db, id);
    // IDLE until the server or we break it; then again, while the connection lives
    void (async () => {
      while (!this.stopped && this.idle.get(id) === client && client.usable) await client.idle().catch(() => forget());
    })();
  }
}
