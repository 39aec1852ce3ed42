import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors/index.ts';

export interface BlobRef {
  sha256: string;
  size: number;
}

/** Where one of the parts of a pack lies in it. */
export interface PackRef {
  pack: string;
  offset: number;
  size: number;
}

const PACK_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Content-addressed files under DATA_DIR/blobs/ab/cd/<sha256>. A write goes to a temp file,
 * which is synced to disk and then renamed into place; the same content is stored once.
 *
 * Packs (DATA_DIR/blobs/packs/<uuid>) hold many parts written together: the originals of a
 * synchronisation batch, one file and one sync to disk for a hundred messages. A pack is never
 * changed once in place; it is removed whole when nothing refers to it any more (`removePack`).
 */
export class BlobStore {
  private tmpDir: string;
  private packDir: string;
  /** Folders made (or found) already: a first synchronisation puts thousands of files, and mkdir each time cost more than the write. */
  private madeDirs = new Set<string>();
  constructor(readonly root: string) {
    this.tmpDir = join(root, 'tmp');
    this.packDir = join(root, 'packs');
    mkdirSync(this.tmpDir, { recursive: true });
    mkdirSync(this.packDir, { recursive: true });
  }

  pathOf(sha256: string) {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('NOT_FOUND');
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Stores a stream or buffer; rejects with PAYLOAD_TOO_LARGE past maxBytes, leaving nothing behind. */
  async put(input: Readable | Buffer | string, maxBytes = Number.MAX_SAFE_INTEGER): Promise<BlobRef> {
    if (Buffer.isBuffer(input) || typeof input === 'string') return this.putBytes(Buffer.from(input), maxBytes);
    const tmp = join(this.tmpDir, randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > maxBytes) return cb(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`));
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    try {
      await pipeline(input, meter, createWriteStream(tmp, { flags: 'wx' }));
      const fh = await open(tmp, 'r');
      await fh.sync();
      await fh.close();
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      if (existsSync(final)) await rm(tmp, { force: true });
      else await this.moveInto(tmp, final);
      return { sha256, size };
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  /**
   * Bytes in memory (a synchronised message, its files): hashed first, so content stored already
   * costs one stat; otherwise one write and one fdatasync on a single handle, then the rename.
   */
  private async putBytes(data: Buffer, maxBytes: number): Promise<BlobRef> {
    if (data.length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes.`);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const final = this.pathOf(sha256);
    // a file under its final name was synced before it was renamed there: it is whole
    if (await stat(final).then(() => true, () => false)) return { sha256, size: data.length };
    const tmp = join(this.tmpDir, randomUUID());
    try {
      const fh = await open(tmp, 'wx');
      try {
        await fh.writeFile(data);
        await fh.datasync();
      } finally {
        await fh.close();
      }
      await this.moveInto(tmp, final);
      return { sha256, size: data.length };
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  /** Renames a synced temp file to its final name, making its folder once per process. */
  private async moveInto(tmp: string, final: string) {
    const dir = dirname(final);
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    try {
      await rename(tmp, final);
    } catch (e) {
      // the folder was removed behind our back: make it again, once
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      await mkdir(dir, { recursive: true });
      await rename(tmp, final);
    }
  }

  /**
   * Writes the parts one after another into a new pack, synced to disk before it is renamed into
   * place (so a pack under its name is whole), and tells where each part lies.
   */
  async putPack(parts: Buffer[]): Promise<PackRef[]> {
    if (!parts.length) return [];
    const pack = randomUUID();
    const tmp = join(this.tmpDir, pack);
    try {
      const fh = await open(tmp, 'wx');
      try {
        // writev takes the parts as they are, without joining them into one buffer first
        for (let i = 0; i < parts.length; i += WRITEV_PARTS) await writeAll(fh, parts.slice(i, i + WRITEV_PARTS));
        await fh.datasync();
      } finally {
        await fh.close();
      }
      await rename(tmp, this.packPath(pack));
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    let offset = 0;
    return parts.map((p) => {
      const ref = { pack, offset, size: p.length };
      offset += p.length;
      return ref;
    });
  }

  packPath(pack: string) {
    if (!PACK_NAME.test(pack)) throw new AppError('NOT_FOUND');
    return join(this.packDir, pack);
  }

  async hasPack(pack: string) {
    return stat(this.packPath(pack)).then(() => true, () => false);
  }

  /** One part of a pack. */
  readPart(ref: PackRef): Readable {
    const path = this.packPath(ref.pack);
    // a stream's end is inclusive: an empty part has none
    return ref.size > 0 ? createReadStream(path, { start: ref.offset, end: ref.offset + ref.size - 1 }) : Readable.from([]);
  }

  /** The packs there are, with when each was written. */
  async listPacks(): Promise<{ pack: string; writtenAt: Date }[]> {
    const names = (await readdir(this.packDir)).filter((n) => PACK_NAME.test(n));
    const out: { pack: string; writtenAt: Date }[] = [];
    for (const pack of names) {
      const st = await stat(this.packPath(pack)).catch(() => null);
      if (st) out.push({ pack, writtenAt: st.mtime });
    }
    return out;
  }

  async removePack(pack: string) {
    await rm(this.packPath(pack), { force: true });
  }

  async has(sha256: string) {
    return stat(this.pathOf(sha256)).then(() => true, () => false);
  }

  read(sha256: string) {
    return createReadStream(this.pathOf(sha256));
  }

  async remove(sha256: string) {
    await rm(this.pathOf(sha256), { force: true });
  }
}

/** Parts per writev call: below the usual IOV_MAX of 1024. */
const WRITEV_PARTS = 512;

/** Writes all of the buffers at the file's current end, going on after a short write. */
async function writeAll(fh: FileHandle, parts: Buffer[]) {
  let rest = parts.filter((p) => p.length > 0);
  while (rest.length) {
    let { bytesWritten } = await fh.writev(rest);
    while (rest.length && bytesWritten >= rest[0].length) bytesWritten -= rest.shift()!.length;
    if (rest.length && bytesWritten > 0) rest[0] = rest[0].subarray(bytesWritten);
  }
}
