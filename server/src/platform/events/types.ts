import type { EventType } from '@mailroom/contract';

export interface EventDraft {
  orgId: string;
  type: EventType;
  payload: unknown;
  /** The code that creates an event chooses who receives it. */
  userIds: string[];
}

/** A passing signal: to `userIds`, and, when `watched` is set, to the sockets watching that person. */
export interface SignalDraft extends EventDraft {
  watched?: string;
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
