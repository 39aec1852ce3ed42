export { EventBus, EVENTS_CHANNEL, loadEvents } from './bus.ts';
export { replayFor, currentEventId, pruneEvents, type Replay } from './replay.ts';
export { presentEvent, type EventDraft, type StoredEvent } from './types.ts';
