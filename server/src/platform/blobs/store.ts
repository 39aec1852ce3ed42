import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors/index.ts';

export interface BlobRef {
  sha256: string;
  size: number;
}

/**
 * Content-addressed files under DATA_DIR/blobs/ab/cd/<sha256>. A write streams to a temp file
 * while hashing, fsyncs it, then renames it into place; the same content is stored once.
 */
export class BlobStore {
  private tmpDir: string;
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
    const source = Buffer.isBuffer(input) || typeof input === 'string' ? Readable.from([Buffer.from(input)]) : input;
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx' }));
      const fh = await open(tmp, 'r');
      await fh.sync();
      await fh.close();
      const sha256 = hash.digest('hex');
      const final = this.pathOf(sha256);
      if (existsSync(final)) await rm(tmp, { force: true });
      else {
        mkdirSync(join(final, '..'), { recursive: true });
        await rename(tmp, final);
      }
      return { sha256, size };
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
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
