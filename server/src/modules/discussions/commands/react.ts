import type { Deps } from '../../../deps.ts';
import { invalid, notFound } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessDiscussion, audienceOf, type AccessDeps } from '../access.ts';
import { messageById } from '../present.ts';

/** One emoji: 1–16 characters with no letters, digits, spaces or control characters. */
const EMOJI = /^[^\p{L}\p{N}\s\p{Cc}]{1,16}$/u;

/** Adds or takes back the caller's reaction; the audience gets `discussion.reaction`. */
export async function react(deps: AccessDeps & Pick<Deps, 'bus'>, actor: UserActor, discussionId: string, messageId: string, emoji: string, add: boolean) {
  if (!EMOJI.test(emoji)) throw invalid('emoji', 'A reaction is one emoji');
  return deps.db.tx(async (tx) => {
    const d = await accessDiscussion(deps, actor, discussionId, tx);
    const m = await messageById(tx, d.id, messageId);
    if (!m || m.deleted_at) throw notFound();
    const r = add
      ? await tx.query('insert into discussion_reactions (message_id, user_id, emoji) values ($1, $2, $3) on conflict do nothing', [m.id, actor.userId, emoji])
      : await tx.query('delete from discussion_reactions where message_id = $1 and user_id = $2 and emoji = $3', [m.id, actor.userId, emoji]);
    if (r.rowCount)
      await deps.bus.emit(tx, {
        orgId: actor.orgId, type: 'discussion.reaction', payload: { discussionId: d.id, messageId: m.id, emoji, userId: actor.userId, added: add },
        userIds: [...(await audienceOf(deps, tx, d)), actor.userId],
      });
    return { ok: true as const };
  });
}
