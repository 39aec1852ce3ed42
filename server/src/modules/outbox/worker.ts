import type { Deps } from '../../deps.ts';
import { claimDue, releaseClaims, renewLeases, type ClaimedMail } from './claim.ts';
import { Sender, type Outcome, type Prepared } from './deliver.ts';
import { OUTBOX_CHANNEL } from './enqueue.ts';
import { Gate } from './gate.ts';
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
 * OUTBOX_PER_DESTINATION at once to one server, lets at most OUTBOX_UNRECORDED_MAX last lines per
 * server out before their outcomes are written (`lastLine`), records each outcome under its lease
 * (sent ones through `SentRecorder`), renews the leases of those held. Woken by NOTIFY when mail is
 * queued, and polls for retries that come due. Any number of processes may run one.
 */
export class OutboxWorker {
  private running = false;
  /** Claimed and not yet recorded: their leases are renewed. */
  private held = new Map<string, ClaimedMail>();
  /** Claimed and not started yet, in claim order. */
  private ready: ClaimedMail[] = [];
  /** The first of `ready`, being built ahead of a free connection (`prepareAhead`), by id. */
  private prepared = new Map<string, Promise<Prepared | Outcome>>();
  private sending = 0;
  private sendingTo = new Map<string, number>();
  private work = new Set<Promise<void>>();
  private wake: (() => void) | null = null;
  private timers: NodeJS.Timeout[] = [];
  private unlisten: (() => Promise<void>) | null = null;
  private loop: Promise<void> | null = null;
  private recorder: SentRecorder;
  /** Per destination: the messages past their last line whose outcome is not written yet (`lastLine`). */
  private gates = new Map<string, { gate: Gate; users: number }>();
  private unrecordedMax: number;
  readonly sender: Sender;

  constructor(private deps: WorkerDeps, readonly workerId: string, private pollMs = 1000) {
    this.sender = new Sender(deps);
    this.unrecordedMax = deps.config.outboxUnrecordedMax ?? (deps.db.kind === 'postgres' ? 1 : 0);
    // outcomes are gathered into groups only where nothing waits on them (no gate)
    this.recorder = new SentRecorder(deps, workerId, this.unrecordedMax === 0);
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
      const prepared = this.prepared.get(m.id) ?? this.sender.prepare(m);
      this.prepared.delete(m.id);
      const p = this.deliver(m, prepared)
        .catch((err) => this.deps.log.error({ err, outboxId: m.id }, 'outbox delivery failed to record'))
        .finally(() => {
          this.held.delete(m.id);
          this.work.delete(p);
          this.nudge();
        });
      this.work.add(p);
    }
    this.prepareAhead();
  }

  /**
   * Builds the next messages in line (as many as there are sending places) while the connections
   * are busy, so that a connection whose server has answered starts its next message at once
   * instead of waiting for it to be composed on a thread the other connections share.
   */
  private prepareAhead() {
    const ahead = this.deps.config.outboxConcurrency;
    for (let i = 0; i < this.ready.length && i < ahead; i++) {
      const m = this.ready[i];
      if (this.prepared.has(m.id)) continue;
      const p = this.sender.prepare(m);
      p.catch(() => {}); // reported by `deliver`, or dropped with a message handed back
      this.prepared.set(m.id, p);
    }
  }

  /** The message's sending place is free again: the next one may start. */
  private release(m: ClaimedMail) {
    this.sending--;
    this.sendingTo.set(m.destination, this.sendingTo.get(m.destination)! - 1);
    this.pump();
  }

  private async deliver(m: ClaimedMail, prepared: Promise<Prepared | Outcome>) {
    let out: Outcome;
    let keep = 0;
    const last = this.lastLine(m.destination);
    try {
      const p = await prepared;
      if (p.kind === 'ready') keep = keepSeconds(p.settings);
      out = p.kind === 'ready' ? await this.sender.transmit(m, p, last.wait) : p;
    } catch (err) {
      last.done();
      this.release(m);
      throw err;
    }
    // the server has accepted it: its outcome goes to the recorder before anything else runs (the
    // connection's next message included), since until it is written a crash of ours sends it again
    const written = out.kind === 'sent' ? this.recorder.add({ m, response: out.response, refused: out.refused, keep }, last.done) : null;
    // the connection is free for the next message while this outcome is written
    this.release(m);
    if (written) {
      if (await written) this.deps.metrics.outboxLatency.observe((Date.now() - new Date(m.created_at).getTime()) / 1000);
      return;
    }
    try {
      if (out.kind === 'deferred') {
        // the server cannot be reached: those of it waiting here are handed back first, so that they
        // wait out the same delay as the rest of its mail instead of each running into the same wall
        if (out.unreachable) await this.handBack((x) => x.destination === m.destination);
        await recordDeferred(this.deps, m, this.workerId, out.problem, out.detail, out.unreachable);
      } else if (out.kind === 'failed') await recordFailed(this.deps, m, this.workerId, out.problem, out.detail, out.response);
    } finally {
      last.done();
    }
  }

  /**
   * A message's last line (the final dot, after which the server may accept it) goes out only with
   * a place in its destination's gate, held until its outcome has been handed to the database
   * (PostgreSQL commits a statement it has received even if we die; PGlite, in our process, once it
   * has run). So at most OUTBOX_UNRECORDED_MAX messages per destination are ever between the
   * server's acceptance and our record of it: a crash sends at most that many twice. The places of
   * other destinations are not touched: a server slow to answer its last lines slows only itself.
   * `wait` is handed to the SMTP pool; `done` is called once, whatever the outcome.
   */
  private lastLine(destination: string) {
    if (!this.unrecordedMax) return { wait: undefined, done: () => {} };
    let entry = this.gates.get(destination);
    if (!entry) this.gates.set(destination, (entry = { gate: new Gate(this.unrecordedMax), users: 0 }));
    const e = entry;
    e.users++;
    let state: 'out' | 'waiting' | 'in' | 'done' = 'out';
    const end = () => {
      if (--e.users === 0 && this.gates.get(destination) === e) this.gates.delete(destination);
    };
    return {
      wait: (go: () => void) => {
        state = 'waiting';
        e.gate.enter(() => {
          if (state === 'done') {
            // the send failed while it waited: the place goes on at once
            e.gate.free();
            return end();
          }
          state = 'in';
          go();
        });
      },
      done: () => {
        const was = state;
        if (was === 'done') return;
        state = 'done';
        if (was === 'in') e.gate.free();
        if (was !== 'waiting') end();
      },
    };
  }

  /** Claimed messages not started yet that `which` picks: handed back undone (`releaseClaims`). */
  private async handBack(which: (m: ClaimedMail) => boolean) {
    const back = this.ready.filter(which);
    if (!back.length) return;
    this.ready = this.ready.filter((m) => !which(m));
    for (const m of back) {
      this.held.delete(m.id);
      this.prepared.delete(m.id);
    }
    await releaseClaims(this.deps.db, this.workerId, back).catch((err) => this.deps.log.warn({ err }, 'outbox claims not handed back: they wait for their lease to run out'));
  }

  private async renew() {
    const lost = await renewLeases(this.deps.db, this.workerId, [...this.held.keys()], this.deps.config.outboxLeaseSeconds);
    if (!lost.length) return;
    this.deps.log.warn({ ids: lost }, 'outbox leases lost: another worker may send these too');
    // not started yet: leave them to whoever has them now
    const gone = new Set(lost);
    this.ready = this.ready.filter((m) => {
      if (!gone.has(m.id)) return true;
      this.held.delete(m.id);
      this.prepared.delete(m.id);
      return false;
    });
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

