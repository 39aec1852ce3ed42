export { EventBus, EVENTS_CHANNEL, loadEvents } from './bus.ts';
export { replayFor, currentEventId, pruneEvents, type Replay } from './replay.ts';
export { presentEvent, type EventDraft, type SignalDraft, type StoredEvent } from './types.ts';
