import type { Queryable } from '../../platform/db/index.ts';
import { invalid } from '../../platform/errors/index.ts';
import type { UserActor } from '../../platform/http/actor.ts';

export interface DiscussionSettingsRow { files_enabled: boolean; max_file_bytes: string; allowed_types: string[] }

export async function discussionSettings(q: Queryable, orgId: string): Promise<DiscussionSettingsRow> {
  const { rows } = await q.query<DiscussionSettingsRow>('select files_enabled, max_file_bytes::text, allowed_types from discussion_settings where org_id = $1', [orgId]);
  return rows[0] ?? { files_enabled: true, max_file_bytes: String(25 * 1024 * 1024), allowed_types: [] };
}

/** A type allowed by the administrator's list: exact (`application/pdf`) or a family (`image/*`); an empty list allows all. */
export const typeAllowed = (allowed: string[], type: string) =>
  !allowed.length || allowed.some((a) => (a.endsWith('/*') ? type.toLowerCase().startsWith(a.slice(0, -1).toLowerCase()) : a.toLowerCase() === type.toLowerCase()));

/**
 * The caller's own uploads (PUT /api/v1/mail/uploads) to attach to a message, checked against the
 * organisation's limits for discussions: files switched off, too large, or of a type not allowed
 * answer VALIDATION_FAILED on `uploadIds.N` with what to do.
 */
export async function uploadedFiles(q: Queryable, actor: UserActor, uploadIds: string[]) {
  if (!uploadIds.length) return [];
  const limits = await discussionSettings(q, actor.orgId);
  if (!limits.files_enabled) throw invalid('uploadIds', 'Files are switched off in discussions by your administrator; share a link instead');
  const { rows } = await q.query<{ id: string; sha256: string; size: string; filename: string; content_type: string }>(
    'select id, sha256, size::text, filename, content_type from mail_uploads where user_id = $1 and id = any($2::uuid[])',
    [actor.userId, uploadIds],
  );
  return uploadIds.map((id, i) => {
    const u = rows.find((r) => r.id === id);
    if (!u) throw invalid(`uploadIds.${i}`, 'No such file: upload it again');
    if (Number(u.size) > Number(limits.max_file_bytes)) throw invalid(`uploadIds.${i}`, `The file is larger than ${Math.round(Number(limits.max_file_bytes) / 1048576)} MB, the limit for discussions`);
    if (!typeAllowed(limits.allowed_types, u.content_type)) throw invalid(`uploadIds.${i}`, `Files of type ${u.content_type} are not allowed in discussions`);
    return { sha256: u.sha256, filename: u.filename, contentType: u.content_type, size: Number(u.size) };
  });
}
