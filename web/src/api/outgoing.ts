import { MailroomError, type ChatMessage } from '@mailroom/sdk';
import { client } from './client.ts';
import { idbAll, idbDelete, idbGet, idbPut } from './idb.ts';
import { createStore } from './store.ts';

/**
 * Messages being sent, exactly once. Each one is written to IndexedDB with its client id before
 * it is sent; it stays there until the server has it. Sending again (the network was down, the
 * socket reconnected, the page was reloaded) uses the same client id, and the server answers the
 * stored message for an id it knows, so a message can never arrive twice.
 */
export interface Outgoing {
  clientId: string;
  userId: string;
  discussionId: string;
  text: string;
  replyTo: { id: string; author: string; text: string } | null;
  /** People mentioned (names kept to highlight them while the message is pending). */
  mentions: { id: string; name: string }[];
  uploadIds: string[];
  files: { filename: string; size: number }[];
  createdAt: number;
  /** sending: on its way or waiting for the network; failed: the server refused it (Retry or Delete). */
  state: 'sending' | 'failed';
  error: { code: string; field?: string } | null;
}

const STORE = 'outgoing';
/** Attempts for answers worth retrying at once (5xx, 409) before a message shows as failed. */
const ATTEMPTS = 4;
const WAIT_MS = 5000;

export const outgoing = createStore<Outgoing[]>([]);

let owner: string | null = null;
let onSent: ((m: ChatMessage) => void) | null = null;
let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | null = null;
let listening = false;

/** A new client id (1–64 of A–Z a–z 0–9 _ -), made once per message. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return `m-${crypto.randomUUID()}`;
  const b = crypto.getRandomValues(new Uint8Array(16));
  return `m-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const byAge = (a: Outgoing, b: Outgoing) => a.createdAt - b.createdAt;
const drop = (clientId: string) => outgoing.set(outgoing.get().filter((r) => r.clientId !== clientId));

/** Loads this person's unsent messages (from before a reload) and sends them; returns a stop function. */
export function startOutgoing(userId: string, sent: (m: ChatMessage) => void) {
  owner = userId;
  onSent = sent;
  if (!listening) {
    listening = true;
    window.addEventListener('online', () => void flushOutgoing());
  }
  void idbAll<Outgoing>(STORE).then((all) => {
    if (owner !== userId) return;
    const known = new Set(outgoing.get().map((r) => r.clientId));
    outgoing.set([...outgoing.get(), ...all.filter((r) => r.userId === userId && !known.has(r.clientId))].sort(byAge));
    void flushOutgoing();
  });
  return () => {
    if (owner !== userId) return;
    owner = null;
    onSent = null;
    outgoing.set([]);
  };
}

/** Writes the message down, shows it, and sends it. */
export async function queueOutgoing(r: Outgoing) {
  await idbPut(STORE, r);
  outgoing.set([...outgoing.get(), r]);
  void flushOutgoing();
}

export async function retryOutgoing(clientId: string) {
  await update(clientId, { state: 'sending', error: null });
  void flushOutgoing();
}

export async function discardOutgoing(clientId: string) {
  await idbDelete(STORE, clientId);
  drop(clientId);
}

async function update(clientId: string, patch: Partial<Outgoing>) {
  const r = outgoing.get().find((x) => x.clientId === clientId);
  if (!r) return;
  const next = { ...r, ...patch };
  await idbPut(STORE, next);
  outgoing.set(outgoing.get().map((x) => (x.clientId === clientId ? next : x)));
}

/** Sends whatever is waiting, oldest first; one run at a time (and one tab at a time where the browser has locks). */
export function flushOutgoing(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  if (timer) clearTimeout(timer);
  timer = null;
  running = (async () => {
    do {
      again = false;
      await drainLocked().catch(() => undefined);
    } while (again);
  })().finally(() => {
    running = null;
  });
  return running;
}

/**
 * One tab at a time where the browser has Web Locks. Some contexts refuse them (a third-party
 * frame with storage blocked): then this tab goes alone — a double send is still one message.
 */
async function drainLocked() {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  let entered = false;
  if (locks) {
    try {
      await locks.request('mailroom.outgoing', () => ((entered = true), drain()));
      return;
    } catch (e) {
      if (entered) throw e;
    }
  }
  await drain();
}

async function drain() {
  const uid = owner;
  if (!uid) return;
  for (const r of outgoing.get()) {
    if (r.state !== 'sending' || r.userId !== uid) continue;
    // in order: a message waiting for the network holds back the ones written after it
    if ((await send(r)) === 'wait') {
      timer ??= setTimeout(() => void flushOutgoing(), WAIT_MS);
      return;
    }
  }
}

async function send(r: Outgoing): Promise<'sent' | 'wait' | 'failed' | 'gone'> {
  // another tab may have sent it meanwhile (then it is no longer written down)
  if (!(await idbGet<Outgoing>(STORE, r.clientId))) {
    drop(r.clientId);
    return 'gone';
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const m = await client.discussions.post(r.discussionId, {
        clientId: r.clientId, text: r.text, replyTo: r.replyTo?.id, mentions: r.mentions.map((m) => m.id), uploadIds: r.uploadIds,
      });
      onSent?.(m);
      await idbDelete(STORE, r.clientId);
      drop(r.clientId);
      return 'sent';
    } catch (e) {
      const err = e instanceof MailroomError ? e : null;
      // no answer (offline, a proxy for a server that is down), or signed out: keep it and try later
      if (!err || err.status === 0 || err.code === 'NETWORK' || err.code === 'NOT_READY' || err.status === 401) return 'wait';
      if ((err.status === 409 || err.status >= 500) && attempt < ATTEMPTS) {
        await sleep(500 * 2 ** attempt);
        continue;
      }
      await update(r.clientId, { state: 'failed', error: { code: err.code, field: err.field } });
      return 'failed';
    }
  }
}
