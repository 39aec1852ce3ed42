import { createHash, randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prunePacks, readOriginal } from '../src/modules/mail/index.ts';
import { startTestServer, type TestServer } from './harness/app.ts';
import { makeWorld } from './harness/factories.ts';

let s: TestServer;
let w: Awaited<ReturnType<typeof makeWorld>>;

beforeAll(async () => {
  s = await startTestServer({ workers: false });
  w = await makeWorld(s.deps);
});
afterAll(() => s.stop());

const DAY = 86400_000;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A message from outside whose original is the given part of a pack. */
async function messageIn(ref: { pack: string; offset: number; size: number }, raw: Buffer) {
  const id = randomUUID();
  await s.deps.db.query(
    `insert into mail_messages (id, org_id, thread_id, sender_id, subject, raw_sha256, raw_pack, raw_offset, raw_size)
     values ($1, $2, $1, null, 'From outside', $3, $4, $5, $6)`,
    [id, w.org, sha(raw), ref.pack, ref.offset, ref.size],
  );
  return id;
}

const original = async (messageId: string) => {
  const o = await readOriginal(s.deps, messageId);
  return o === null ? null : Buffer.isBuffer(o) ? o : await buffer(o);
};

describe('originals in packs', () => {
  it('are read back part by part, and a pack goes once no message names it and it is a day old', async () => {
    const raws = ['Subject: one\r\n\r\nfirst', 'Subject: two\r\n\r\nsecond', 'Subject: three\r\n\r\nthird'].map((t) => Buffer.from(t));
    const kept = await s.deps.blobs.putPack(raws);
    const orphan = await s.deps.blobs.putPack([Buffer.from('a batch whose transaction never committed')]);
    const first = await messageIn(kept[0], raws[0]);
    const third = await messageIn(kept[2], raws[2]);
    expect(await original(first)).toEqual(raws[0]);
    expect(await original(third)).toEqual(raws[2]);

    // young packs stay, whatever names them: their batch may still be on its way
    expect(await prunePacks(s.deps)).toBe(0);
    const later = { ...s.deps, now: () => new Date(Date.now() + 2 * DAY) };
    expect(await prunePacks(later)).toBe(1);
    expect(await s.deps.blobs.hasPack(orphan[0].pack)).toBe(false);
    expect(await s.deps.blobs.hasPack(kept[0].pack)).toBe(true);

    // one message left still keeps the pack; none left, and it goes
    await s.deps.db.query('delete from mail_messages where id = $1', [first]);
    expect(await prunePacks(later)).toBe(0);
    expect(await original(third)).toEqual(raws[2]);
    await s.deps.db.query('delete from mail_messages where id = $1', [third]);
    expect(await prunePacks(later)).toBe(1);
    expect(await s.deps.blobs.hasPack(kept[0].pack)).toBe(false);
  });

  it('a message whose pack is gone has no original to give (not an error)', async () => {
    const raw = Buffer.from('Subject: lost\r\n\r\ngone');
    const [ref] = await s.deps.blobs.putPack([raw]);
    const id = await messageIn(ref, raw);
    await s.deps.blobs.removePack(ref.pack);
    expect(await original(id)).toBeNull();
  });
});
