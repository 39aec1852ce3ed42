export { enqueue, claim, complete, fail, renewLease, JOBS_CHANNEL, type ClaimedJob, type JobDraft } from './queue.ts';
export { Worker, type JobHandler, type WorkerOptions } from './worker.ts';
