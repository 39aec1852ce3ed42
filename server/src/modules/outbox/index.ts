export { outboxRoutes } from './routes.ts';
export { OutboxWorker } from './worker.ts';
export { enqueueMail, OUTBOX_CHANNEL, type OutgoingMail } from './enqueue.ts';
export { pruneOutbox } from './prune.ts';
