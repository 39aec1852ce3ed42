import type { Readable } from 'node:stream';
import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { insertUpload } from '../files-store.ts';

/** Streams a file to the blob store (same content stored once) and records it as the person's upload. */
export async function uploadFile(deps: Pick<Deps, 'db' | 'blobs' | 'config'>, actor: UserActor, file: { filename: string; contentType: string; body: Readable }) {
  const ref = await deps.blobs.put(file.body, deps.config.mailAttachmentMaxBytes);
  const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(file.contentType) ? file.contentType.toLowerCase() : 'application/octet-stream';
  const uploadId = await insertUpload(deps.db, { userId: actor.userId, sha256: ref.sha256, size: ref.size, filename: file.filename, contentType });
  return { uploadId, filename: file.filename, size: ref.size, contentType, sha256: ref.sha256 };
}
