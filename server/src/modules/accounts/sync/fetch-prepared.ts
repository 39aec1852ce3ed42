import { createHash } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../../deps.ts';
import type { PackRef } from '../../../platform/blobs/index.ts';
import { buildSearchDocs, parseMime, type ParsedMail } from '../../mail/index.ts';

/** Blob writes wait on fsync; this many side by side lets the disk take them together. */
const PARALLEL_PREPARE = 16;

export interface Prepared { uid: number; flags: Set<string>; date: Date; parsed: ParsedMail; sha256: string; rawPack: PackRef; searchDoc: string | Buffer }

/**
 * Fetches messages of the selected folder by UID and readies them for a transaction: the originals
 * written together into one pack of the blob store, each parsed, its files in the blob store
 * (written side by side), all of it on disk before the transaction; the search documents made (on
 * a connection of its own, while the previous batch is stored).
 */
export async function fetchPrepared(deps: Pick<Deps, 'blobs' | 'db'>, client: ImapFlow, uids: number[]) {
  const fetched: { uid: number; flags: Set<string>; date: Date; raw: Buffer }[] = [];
  for await (const m of client.fetch(uids.join(','), { uid: true, flags: true, source: true, internalDate: true }, { uid: true })) {
    if (m.source) fetched.push({ uid: m.uid, flags: m.flags ?? new Set(), date: m.internalDate instanceof Date ? m.internalDate : new Date(), raw: m.source });
  }
  // the pack is written (on libuv's threads) while the messages are parsed
  const packed = deps.blobs.putPack(fetched.map((f) => f.raw));
  packed.catch(() => {});
  const prepared: Omit<Prepared, 'searchDoc' | 'rawPack'>[] = [];
  for (let i = 0; i < fetched.length; i += PARALLEL_PREPARE) {
    const ready = fetched.slice(i, i + PARALLEL_PREPARE).map(async ({ raw, ...f }) => {
      const parsed = await parseMime(raw);
      // the files too: written (and synced) here in parallel, not one by one inside the transaction
      await Promise.all(parsed.attachments.map(async (a) => (a.sha256 = (await deps.blobs.put(a.content)).sha256)));
      return { ...f, parsed, sha256: createHash('sha256').update(raw).digest('hex') };
    });
    prepared.push(...(await Promise.all(ready)));
  }
  const refs = await packed;
  const docs = await buildSearchDocs(
    deps.db,
    prepared.map(({ parsed: p }) => ({ subject: p.subject, from: `${p.from?.name ?? ''} ${p.from?.email ?? ''}`, fileNames: p.attachments.map((a) => a.filename), body: p.text })),
    // in tsvector's binary form: PostgreSQL reads it without parsing
    true,
  );
  return prepared.map((p, i): Prepared => ({ ...p, rawPack: refs[i], searchDoc: docs[i] }));
}
