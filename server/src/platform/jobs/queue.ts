import type { Queryable } from '../db/index.ts';

export const JOBS_CHANNEL = 'mailroom_jobs';

export interface JobDraft {
  queue: string;
  payload?: unknown;
  runAt?: Date;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction (or directly); workers are woken by NOTIFY after commit. */
export async function enqueue(q: Queryable, job: JobDraft): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `insert into jobs (queue, payload, run_at, max_attempts) values ($1, $2, coalesce($3, now()), $4) returning id::text`,
    [job.queue, JSON.stringify(job.payload ?? {}), job.runAt ?? null, job.maxAttempts ?? 5],
  );
  await q.query('select pg_notify($1, $2)', [JOBS_CHANNEL, job.queue]);
  return rows[0].id;
}

export interface ClaimedJob {
  id: string;
  queue: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

/**
 * Claims up to `limit` due jobs with a lease. A job whose lease ran out (its worker died) is due
 * again. SKIP LOCKED lets many workers in many processes claim without blocking each other.
 */
export async function claim(q: Queryable, queues: string[], workerId: string, limit: number, leaseSeconds: number): Promise<ClaimedJob[]> {
  const { rows } = await q.query<{ id: string; queue: string; payload: unknown; attempts: number; max_attempts: number }>(
    `update jobs set status = 'running', attempts = attempts + 1, locked_by = $2,
            locked_until = now() + make_interval(secs => $4), updated_at = now()
      where id in (
        select id from jobs
         where queue = any($1) and run_at <= now()
           and (status = 'queued' or (status = 'running' and locked_until < now()))
         order by run_at, id
         limit $3
         for update skip locked)
      returning id::text, queue, payload, attempts, max_attempts`,
    [queues, workerId, limit, leaseSeconds],
  );
  return rows.map((r) => ({ id: r.id, queue: r.queue, payload: r.payload, attempts: r.attempts, maxAttempts: r.max_attempts }));
}

/**
 * Outcomes and renewals are fenced by (worker, attempt): a run whose lease ran out and whose job
 * was claimed again cannot overwrite the newer run's state.
 */
export async function complete(q: Queryable, job: ClaimedJob, workerId: string) {
  await q.query(`update jobs set status = 'done', locked_by = null, locked_until = null, updated_at = now() where id = $1 and locked_by = $2 and attempts = $3`, [
    job.id,
    workerId,
    job.attempts,
  ]);
}

/** Extends the lease of a job still running; false when it was lost (claimed again elsewhere). */
export async function renewLease(q: Queryable, job: ClaimedJob, workerId: string, leaseSeconds: number) {
  const r = await q.query(
    `update jobs set locked_until = now() + make_interval(secs => $4) where id = $1 and locked_by = $2 and attempts = $3 and status = 'running'`,
    [job.id, workerId, job.attempts, leaseSeconds],
  );
  return r.rowCount > 0;
}

/** Retries with exponential backoff and jitter until max_attempts, then marks the job failed. */
export async function fail(q: Queryable, job: ClaimedJob, workerId: string, error: string) {
  const final = job.attempts >= job.maxAttempts;
  const delay = Math.min(3600, 2 ** job.attempts) * (0.75 + Math.random() / 2);
  await q.query(
    `update jobs set status = $3, last_error = $4, locked_by = null, locked_until = null,
            run_at = case when $3 = 'queued' then now() + make_interval(secs => $5) else run_at end, updated_at = now()
      where id = $1 and locked_by = $2 and attempts = $6`,
    [job.id, workerId, final ? 'failed' : 'queued', error.slice(0, 2000), delay, job.attempts],
  );
  return final ? 'failed' : 'retry';
}
