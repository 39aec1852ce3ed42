export { MailroomClient, type Page } from './client.ts';
export { MailroomError } from './errors.ts';
export { EventStream, type EventStreamOptions, type StreamStatus, type Signal } from './events.ts';
export type { DiscussionSearchHit, MyPresence, NewDiscussionInput } from './discussions.ts';
export type * from '@mailroom/contract';
