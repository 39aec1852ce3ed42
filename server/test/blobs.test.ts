import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
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
  });
});
