import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../src/platform/blobs/index.ts';

const root = mkdtempSync(join(tmpdir(), 'mr-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the blob store', () => {
  const store = new BlobStore(root);

  it('stores content under its SHA-256 and reads it back', async () => {
    const ref = await store.put(Readable.from(['hello ', 'world']));
    expect(ref).toEqual({ sha256: createHash('sha256').update('hello world').digest('hex'), size: 11 });
    expect(await text(store.read(ref.sha256))).toBe('hello world');
    expect(store.pathOf(ref.sha256)).toContain(`${ref.sha256.slice(0, 2)}/${ref.sha256.slice(2, 4)}/`);
  });

  it('keeps the same content once', async () => {
    const a = await store.put(Buffer.from('same bytes'));
    const b = await store.put('same bytes');
    expect(a).toEqual(b);
    expect(readdirSync(join(root, a.sha256.slice(0, 2), a.sha256.slice(2, 4)))).toEqual([a.sha256]);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses content over the limit and leaves nothing behind', async () => {
    const big = Readable.from((function* () { for (let i = 0; i < 100; i++) yield Buffer.alloc(1024, i); })());
    await expect(store.put(big, 10_000)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('leaves nothing behind when the source stream breaks', async () => {
    const broken = new Readable({ read() { this.push(Buffer.alloc(100)); this.destroy(new Error('connection dropped')); } });
    await expect(store.put(broken)).rejects.toThrow('connection dropped');
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('refuses names that are not hashes (no path tricks)', () => {
    expect(() => store.pathOf('../../etc/passwd')).toThrow();
    expect(() => store.packPath('../tmp/x')).toThrow();
  });
});

describe('packs', () => {
  const store = new BlobStore(root);

  it('write many parts into one file and read each back on its own', async () => {
    // more parts than one writev call takes, an empty one and a large one among them
    const parts = Array.from({ length: 1500 }, (_, i) => Buffer.from(`part ${i} `.repeat(i % 7)));
    parts[700] = Buffer.alloc(3 * 1024 * 1024, 7);
    const refs = await store.putPack(parts);
    expect(new Set(refs.map((r) => r.pack)).size).toBe(1);
    expect(readdirSync(join(root, 'packs'))).toEqual([refs[0].pack]);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    for (const i of [0, 1, 6, 699, 700, 701, 1499]) {
      expect(refs[i].size).toBe(parts[i].length);
      expect((await buffer(store.readPart(refs[i]))).equals(parts[i]), `part ${i}`).toBe(true);
    }
    expect(await store.hasPack(refs[0].pack)).toBe(true);
    expect((await store.listPacks()).map((p) => p.pack)).toEqual([refs[0].pack]);
    await store.removePack(refs[0].pack);
    expect(await store.hasPack(refs[0].pack)).toBe(false);
    expect(await store.listPacks()).toEqual([]);
    // nothing to keep: no file
    expect(await store.putPack([])).toEqual([]);
    expect(await store.listPacks()).toEqual([]);
  });
});
