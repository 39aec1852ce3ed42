import type { Deps } from '../../../deps.ts';
import { AppError, notFound } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessDiscussion, audienceOf, type AccessDeps } from '../access.ts';
import { messageById, presentMessages } from '../present.ts';

/**
 * Edits (new text, marked edited) or deletes (only its place stays) one's own message; everyone
 * in the audience gets `discussion.message.updated`.
 */
export async function changeMessage(deps: AccessDeps & Pick<Deps, 'bus'>, actor: UserActor, discussionId: string, messageId: string, change: { text: string } | 'delete') {
  return deps.db.tx(async (tx) => {
    const d = await accessDiscussion(deps, actor, discussionId, tx);
    const m = await messageById(tx, d.id, messageId);
    if (!m || m.deleted_at) throw notFound();
    if (m.author_id !== actor.userId) throw new AppError('FORBIDDEN', 'Only its author can change a message');
    if (change === 'delete') await tx.query(`update discussion_messages set deleted_at = now(), body = '', files = '[]', search = null where id = $1`, [m.id]);
    else
      await tx.query(`update discussion_messages set body = $2, edited_at = now(), search = to_tsvector('russian', $2) where id = $1`, [m.id, change.text]);
    const row = (await messageById(tx, d.id, m.id))!;
    // the event goes to everyone: reactions without "mine" (each client knows its own)
    const [shared] = await presentMessages(tx, '', [row]);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'discussion.message.updated', payload: { message: shared }, userIds: [...(await audienceOf(deps, tx, d)), actor.userId] });
    return (await presentMessages(tx, actor.userId, [row]))[0];
  });
}
