import type { Db } from '../db/index.ts';
import type { Logger } from '../log.ts';
import { claim, complete, fail, JOBS_CHANNEL, renewLease, type ClaimedJob } from './queue.ts';

export type JobHandler = (job: ClaimedJob) => Promise<void>;

export interface WorkerOptions {
  workerId: string;
  concurrency?: number;
  leaseSeconds?: number;
  pollMs?: number;
  onOutcome?: (queue: string, outcome: 'done' | 'retry' | 'failed') => void;
}

/** Runs handlers for the named queues: claims due jobs, runs them, records the outcome. */
export class Worker {
  private running = 0;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unlisten: (() => Promise<void>) | null = null;
  private tickPromise: Promise<void> | null = null;
  private active = new Set<Promise<void>>();

  constructor(
    private db: Db,
    private handlers: Record<string, JobHandler>,
    private log: Logger,
    private opts: WorkerOptions,
  ) {}

  async start() {
    this.unlisten = await this.db.listen(JOBS_CHANNEL, (queue) => {
      if (queue in this.handlers) this.poke();
    });
    this.poke();
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.unlisten?.();
    await this.tickPromise;
    await Promise.allSettled([...this.active]);
  }

  poke() {
    if (this.stopped) return;
    this.tickPromise ??= this.tick().finally(() => (this.tickPromise = null));
  }

  /** Claims as many jobs as there are free slots; runs again when a slot frees or on the poll timer. */
  private async tick() {
    if (this.timer) clearTimeout(this.timer);
    const concurrency = this.opts.concurrency ?? 4;
    try {
      const free = concurrency - this.running;
      if (free > 0) {
        const jobs = await claim(this.db, Object.keys(this.handlers), this.opts.workerId, free, this.opts.leaseSeconds ?? 60);
        for (const job of jobs) this.run(job);
      }
    } catch (err) {
      this.log.error({ err }, 'claiming jobs failed');
    }
    if (!this.stopped) this.timer = setTimeout(() => this.poke(), this.opts.pollMs ?? 5000);
  }

  private run(job: ClaimedJob) {
    this.running++;
    const lease = this.opts.leaseSeconds ?? 60;
    // a long job keeps its lease while it runs
    const renew = setInterval(() => void renewLease(this.db, job, this.opts.workerId, lease).catch(() => {}), (lease * 1000) / 3);
    const p: Promise<void> = (async () => {
      try {
        await this.handlers[job.queue](job);
        await complete(this.db, job, this.opts.workerId);
        this.opts.onOutcome?.(job.queue, 'done');
      } catch (err) {
        this.log.warn({ err, job: job.id, queue: job.queue }, 'job failed');
        const outcome = await fail(this.db, job, this.opts.workerId, (err as Error)?.message ?? String(err)).catch(() => 'retry' as const);
        this.opts.onOutcome?.(job.queue, outcome);
      } finally {
        clearInterval(renew);
        this.running--;
        queueMicrotask(() => this.active.delete(p));
        this.poke();
      }
    })();
    this.active.add(p);
  }
}
