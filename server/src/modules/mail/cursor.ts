import type { EntryRow } from './store.ts';

/** Mail lists page newest first by (delivered_at, id); the cursor is the last row's pair. */
export const entryCursor = (e: EntryRow) => Buffer.from(`${new Date(e.delivered_at).toISOString()}|${e.id}`).toString('base64url');

/** The pair in a cursor, or null for a damaged one (which starts from the newest). */
export function parseEntryCursor(c?: string): [string, string] | null {
  if (!c) return null;
  const [at, id] = Buffer.from(c, 'base64url').toString().split('|');
  return at && /^\d+$/.test(id ?? '') && !Number.isNaN(Date.parse(at)) ? [at, id] : null;
}
