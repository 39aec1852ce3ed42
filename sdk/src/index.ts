export { MailroomClient, type Page } from './client.ts';
export { MailroomError } from './errors.ts';
export { EventStream, type EventStreamOptions, type StreamStatus } from './events.ts';
export type * from '@mailroom/contract';
