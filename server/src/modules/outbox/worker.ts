import type { Deps } from '../../deps.ts';
import { claimDue, releaseClaims, renewLeases, type ClaimedMail } from './claim.ts';
import { Sender } from './deliver.ts';
import { OUTBOX_CHANNEL } from './enqueue.ts';
import { keepSeconds, recordDeferred, recordFailed } from './record.ts';
import { SentRecorder } from './recorder.ts';

type WorkerDeps = Pick<Deps, 'db' | 'bus' | 'blobs' | 'sealer' | 'mailCa' | 'config' | 'metrics' | 'log' | 'fetch'>;

/**
 * How many messages are held (claimed, leased) per sending place: the one being sent, those whose
 * outcome is being written, and those next in line while the next claim is on its way. A commit on
 * PostgreSQL waits for the disk (measured 5–12 ms on a busy machine), and one claim at a time must
 * keep up with every connection: with fewer held, the connections waited for the database (0.55 of
 * raw nodemailer's rate with 4, 0.8 with 8 in bench/outbox.ts).
 */
export const HOLD_PER_PLACE = 8;

/**
 * Drains the outgoing mail queue. Claims due messages in batches ahead of the senders (up to
 * HOLD_PER_PLACE × OUTBOX_CONCURRENCY held by this process, HOLD_PER_PLACE × OUTBOX_PER_DESTINATION
 * per destination across all processes), sends at most OUTBOX_CONCURRENCY at once and at most
 * OUTBOX_PER_DESTINATION at once to one server, records each outcome under its lease (sent ones
 * grouped by `SentRecorder`), renews the leases of those held. Woken by NOTIFY when mail is queued,
 * and polls for retries that come due. Any number of processes may run one.
 */
export class OutboxWorker {
  private running = false;
  /** Claimed and not yet recorded: their leases are renewed. */
  private held = new Map<string, ClaimedMail>();
  /** Claimed and not started yet, in claim order. */
  private ready: ClaimedMail[] = [];
  private sending = 0;
  private sendingTo = new Map<string, number>();
  private work = new Set<Promise<void>>();
  private wake: (() => void) | null = null;
  private timers: NodeJS.Timeout[] = [];
  private unlisten: (() => Promise<void>) | null = null;
  private loop: Promise<void> | null = null;
  private recorder: SentRecorder;
  readonly sender: Sender;

  constructor(private deps: WorkerDeps, readonly workerId: string, private pollMs = 1000) {
    this.sender = new Sender(deps);
    this.recorder = new SentRecorder(deps, workerId);
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
    const holdMax = HOLD_PER_PLACE * c.outboxConcurrency;
    // claim once a quarter of what may be held is free (or the senders ran dry): batches, not one by
    // one. PGlite: once half is free. A statement there runs on our own thread and costs a fixed
    // part on top of its rows, so fewer, larger claims leave more of the thread to the senders; half
    // of what is held still lasts far longer than a claim takes.
    const pglite = this.deps.db.kind === 'pglite';
    const claimAt = Math.max(1, Math.ceil(holdMax / (pglite ? 2 : 4)));
    while (this.running) {
      const free = holdMax - this.held.size;
      let claimed: ClaimedMail[] = [];
      // PGlite: a power of two, so that few versions of the prepared claim are made (claim.ts)
      const want = pglite ? 2 ** Math.floor(Math.log2(Math.max(1, free))) : free;
      if (free >= claimAt || (free > 0 && !this.ready.length)) {
        try {
          claimed = await claimDue(this.deps.db, this.workerId, want, HOLD_PER_PLACE * c.outboxPerDestination, c.outboxLeaseSeconds);
        } catch (err) {
          if (this.running) this.deps.log.warn({ err }, 'outbox claim failed');
        }
        for (const m of claimed) {
          this.held.set(m.id, m);
          this.ready.push(m);
        }
        this.pump();
        // a full claim: more may be due at once
        if (claimed.length && claimed.length === want) continue;
      }
      // wait for new mail, a recorded outcome (a free place) or the poll
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.pollMs);
        this.wake = () => (clearTimeout(t), resolve());
      });
    }
  }

  /** Starts what is ready, within the places of the process and of each destination. */
  private pump() {
    const c = this.deps.config;
    for (let i = 0; this.running && i < this.ready.length && this.sending < c.outboxConcurrency; ) {
      const m = this.ready[i];
      const busy = this.sendingTo.get(m.destination) ?? 0;
      if (busy >= c.outboxPerDestination) {
        i++;
        continue;
      }
      this.ready.splice(i, 1);
      this.sending++;
      this.sendingTo.set(m.destination, busy + 1);
      const p = this.deliver(m)
        .catch((err) => this.deps.log.error({ err, outboxId: m.id }, 'outbox delivery failed to record'))
        .finally(() => {
          this.held.delete(m.id);
          this.work.delete(p);
          this.nudge();
        });
      this.work.add(p);
    }
  }

  private async deliver(m: ClaimedMail) {
    let out;
    try {
      out = await this.sender.send(m);
    } finally {
      // the connection is free for the next message while this outcome is written
      this.sending--;
      this.sendingTo.set(m.destination, this.sendingTo.get(m.destination)! - 1);
      this.pump();
    }
    if (out.kind === 'sent') {
      const written = await this.recorder.add({ m, response: out.response, refused: out.refused, keep: keepSeconds(await this.sender.settingsOf(m.org_id)) });
      if (written) this.deps.metrics.outboxLatency.observe((Date.now() - new Date(m.created_at).getTime()) / 1000);
    } else if (out.kind === 'deferred') {
      // the server cannot be reached: those of it waiting here are handed back first, so that they
      // wait out the same delay as the rest of its mail instead of each running into the same wall
      if (out.unreachable) await this.handBack((x) => x.destination === m.destination);
      await recordDeferred(this.deps, m, this.workerId, out.problem, out.detail, out.unreachable);
    }
    else await recordFailed(this.deps, m, this.workerId, out.problem, out.detail, out.response);
  }

  /** Claimed messages not started yet that `which` picks: handed back undone (`releaseClaims`). */
  private async handBack(which: (m: ClaimedMail) => boolean) {
    const back = this.ready.filter(which);
    if (!back.length) return;
    this.ready = this.ready.filter((m) => !which(m));
    for (const m of back) this.held.delete(m.id);
    await releaseClaims(this.deps.db, this.workerId, back).catch((err) => this.deps.log.warn({ err }, 'outbox claims not handed back: they wait for their lease to run out'));
  }

  private async renew() {
    const lost = await renewLeases(this.deps.db, this.workerId, [...this.held.keys()], this.deps.config.outboxLeaseSeconds);
    if (!lost.length) return;
    this.deps.log.warn({ ids: lost }, 'outbox leases lost: another worker may send these too');
    // not started yet: leave them to whoever has them now
    const gone = new Set(lost);
    this.ready = this.ready.filter((m) => !(gone.has(m.id) && this.held.delete(m.id)));
  }

  private async measureDepth() {
    const { rows } = await this.deps.db.query<{ status: string; n: number }>('select status, count(*)::int as n from outbox group by status');
    for (const s of ['queued', 'sending', 'deferred', 'sent', 'failed', 'cancelled']) this.deps.metrics.outboxDepth.set({ status: s }, rows.find((r) => r.status === s)?.n ?? 0);
  }

  /** Stops claiming, hands back what it had not started, lets the messages in flight finish and closes the connections. */
  async stop() {
    this.running = false;
    this.nudge();
    for (const t of this.timers) clearInterval(t);
    await this.loop;
    await this.handBack(() => true);
    await Promise.allSettled([...this.work]);
    await this.unlisten?.();
    this.sender.close();
  }
}
