import type { Readable } from 'node:stream';
import type { Deps } from '../../deps.ts';

/**
 * The original of a message from outside, wherever it is kept: in a pack of the blob store (mail
 * synchronised or imported since migration 0019), in the message row (mail synchronised before),
 * or as a file of its own in the blob store (POP3, sent copies, large originals before 0019).
 * Null when there is none, or when its file is gone.
 */
export async function readOriginal(deps: Pick<Deps, 'db' | 'blobs'>, messageId: string): Promise<Buffer | Readable | null> {
  const { rows } = await deps.db.query<{ raw_sha256: string | null; raw: Uint8Array | null; raw_pack: string | null; raw_offset: string | null; raw_size: number | null }>(
    'select raw_sha256, raw, raw_pack, raw_offset, raw_size from mail_messages where id = $1',
    [messageId],
  );
  const row = rows[0];
  if (!row?.raw_sha256) return null;
  if (row.raw) return Buffer.from(row.raw.buffer, row.raw.byteOffset, row.raw.byteLength);
  if (row.raw_pack) {
    if (!(await deps.blobs.hasPack(row.raw_pack))) return null;
    return deps.blobs.readPart({ pack: row.raw_pack, offset: Number(row.raw_offset), size: row.raw_size ?? 0 });
  }
  return (await deps.blobs.has(row.raw_sha256)) ? deps.blobs.read(row.raw_sha256) : null;
}

/** A pack younger than this may belong to a batch whose transaction has not committed yet. */
const PACK_GRACE_MS = 24 * 3600_000;

/**
 * Removes the packs no message names any more (its account was removed, its mail deleted, or
 * the batch that wrote it never committed), once they are a day old. Returns how many went.
 */
export async function prunePacks(deps: Pick<Deps, 'db' | 'blobs' | 'now'>) {
  const before = deps.now().getTime() - PACK_GRACE_MS;
  const old = (await deps.blobs.listPacks()).filter((p) => p.writtenAt.getTime() < before).map((p) => p.pack);
  let removed = 0;
  for (let i = 0; i < old.length; i += 1000) {
    const some = old.slice(i, i + 1000);
    const { rows } = await deps.db.query<{ pack: string }>(
      'select distinct raw_pack::text as pack from mail_messages where raw_pack = any($1::uuid[])',
      [some],
    );
    const named = new Set(rows.map((r) => r.pack));
    for (const pack of some.filter((p) => !named.has(p))) {
      await deps.blobs.removePack(pack);
      removed++;
    }
  }
  return removed;
}
