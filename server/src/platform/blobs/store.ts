import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors/index.ts';

export interface BlobRef {
  sha256: string;
  size: number;
}

/**
 * Content-addressed files under DATA_DIR/blobs/ab/cd/<sha256>. A write goes to a temp file,
 * which is synced to disk and then renamed into place; the same content is stored once.
 */
export class BlobStore {
  private tmpDir: string;
  /** Folders made (or found) already: a first synchronisation puts thousands of files, and mkdir each time cost more than the write. */
  private madeDirs = new Set<string>();
  constructor(readonly root: string) {
    this.tmpDir = join(root, 'tmp');
    mkdirSync(this.tmpDir, { recursive: true });
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
