import type { EventType } from '@mailroom/contract';

export interface EventDraft {
  orgId: string;
  type: EventType;
  payload: unknown;
  /** The code that creates an event chooses who receives it. */
  userIds: string[];
}

export interface StoredEvent {
  id: string;
  orgId: string;
  type: string;
  payload: unknown;
  userIds: string[];
  at: string;
}

export const presentEvent = (e: StoredEvent) => ({ id: e.id, type: e.type, at: e.at, payload: e.payload });
