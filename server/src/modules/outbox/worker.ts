import type { Deps } from '../../deps.ts';
import { claimDue, renewLeases, type ClaimedMail } from './claim.ts';
import { Sender } from './deliver.ts';
import { OUTBOX_CHANNEL } from './enqueue.ts';
import { writeLog } from './log.ts';
import { keepSeconds, recordDeferred, recordFailed, recordSent } from './record.ts';

type WorkerDeps = Pick<Deps, 'db' | 'bus' | 'blobs' | 'sealer' | 'mailCa' | 'config' | 'metrics' | 'log' | 'fetch'>;

/**
 * Drains the outgoing mail queue: claims due messages (up to OUTBOX_CONCURRENCY in flight), sends
 * each, records its outcome under its lease, renews the leases of those still going. Woken by
 * NOTIFY when mail is queued, and polls for retries that come due. Any number of processes may run one.
 */
export class OutboxWorker {
  private running = false;
  private inflight = new Map<string, Promise<void>>();
  private wake: (() => void) | null = null;
  private timers: NodeJS.Timeout[] = [];
  private unlisten: (() => Promise<void>) | null = null;
  private loop: Promise<void> | null = null;
  readonly sender: Sender;

  constructor(private deps: WorkerDeps, readonly workerId: string, private pollMs = 1000) {
    this.sender = new Sender(deps);
  }

  async start() {
    this.running = true;
    this.unlisten = await this.deps.db.listen(OUTBOX_CHANNEL, () => this.nudge(), () => this.nudge());
    const lease = this.deps.config.outboxLeaseSeconds;
    this.timers.push(setInterval(() => void this.renew().catch((err) => this.deps.log.warn({ err }, 'outbox lease renewal failed')), (lease * 1000) / 3));
    this.timers.push(setInterval(() => void this.measureDepth().catch(() => {}), 5000));
    this.loop = this.run();
  }

  private nudge() {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private async run() {
    const c = this.deps.config;
    while (this.running) {
      const free = c.outboxConcurrency - this.inflight.size;
      let claimed: ClaimedMail[] = [];
      if (free > 0) {
        try {
          claimed = await claimDue(this.deps.db, this.workerId, free, c.outboxPerDestination, c.outboxLeaseSeconds);
        } catch (err) {
          if (this.running) this.deps.log.warn({ err }, 'outbox claim failed');
        }
      }
      for (const m of claimed) {
        const p = this.deliver(m).catch((err) => this.deps.log.error({ err, outboxId: m.id }, 'outbox delivery failed to record'));
        this.inflight.set(m.id, p.finally(() => {
          this.inflight.delete(m.id);
          this.nudge();
        }));
      }
      // a full claim: more may be due at once; otherwise wait for new mail, a free place or the poll
      if (claimed.length && claimed.length === free) continue;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.pollMs);
        this.wake = () => (clearTimeout(t), resolve());
      });
    }
  }

  private async deliver(m: ClaimedMail) {
    if (m.was_sending)
      await writeLog(this.deps.db, {
        orgId: m.org_id, outboxId: m.id, event: 'lease-expired', subject: m.subject, recipients: m.recipients, messageId: m.message_id,
        problem: 'MAYBE_SENT', detail: 'The worker sending it stopped answering; sent again (a possible duplicate)',
      });
    await writeLog(this.deps.db, { orgId: m.org_id, outboxId: m.id, event: 'attempt', subject: m.subject, recipients: m.recipients, messageId: m.message_id, detail: `attempt ${m.attempts}` });
    const out = await this.sender.send(m);
    if (out.kind === 'sent') {
      if (await recordSent(this.deps, m, this.workerId, out.response, out.refused, keepSeconds(await this.sender.settingsOf(m.org_id)))) this.deps.metrics.outboxLatency.observe((Date.now() - new Date(m.created_at).getTime()) / 1000);
    } else if (out.kind === 'deferred') await recordDeferred(this.deps, m, this.workerId, out.problem, out.detail, out.unreachable);
    else await recordFailed(this.deps, m, this.workerId, out.problem, out.detail, out.response);
  }

  private async renew() {
    const lost = await renewLeases(this.deps.db, this.workerId, [...this.inflight.keys()], this.deps.config.outboxLeaseSeconds);
    if (lost.length) this.deps.log.warn({ ids: lost }, 'outbox leases lost: another worker may send these too');
  }

  private async measureDepth() {
    const { rows } = await this.deps.db.query<{ status: string; n: number }>('select status, count(*)::int as n from outbox group by status');
    for (const s of ['queued', 'sending', 'deferred', 'sent', 'failed', 'cancelled']) this.deps.metrics.outboxDepth.set({ status: s }, rows.find((r) => r.status === s)?.n ?? 0);
  }

  /** Stops claiming, lets the messages in flight finish and closes the connections. */
  async stop() {
    this.running = false;
    this.nudge();
    for (const t of this.timers) clearInterval(t);
    await this.loop;
    await Promise.allSettled([...this.inflight.values()]);
    await this.unlisten?.();
    this.sender.close();
  }
}
