import type { PostMessage } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import { AppError, invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { accessDiscussion, accessWithMembers, audienceOf, type AccessDeps } from '../access.ts';
import { uploadedFiles } from '../files.ts';
import { MESSAGE_SELECT, presentMessages, type MessageRow } from '../present.ts';

type PostDeps = AccessDeps & Pick<Deps, 'bus'>;

/**
 * Posts a message. The sender's client id makes it exactly-once: the same (sender, client id)
 * again — a resend after a lost answer, a reload, a server restart — returns the message already
 * stored and changes nothing. Messages are numbered per discussion under its row lock, so every
 * reader sees one order. Mentioned people who may see the discussion get it in their list and a
 * `discussion.mention`; everyone in the audience gets `discussion.message`.
 */
export async function postMessage(deps: PostDeps, actor: UserActor, discussionId: string, input: PostMessage) {
  return deps.db.tx(async (tx) => {
    const { d, members } = await accessWithMembers(deps, actor, discussionId, tx, true);
    const again = await tx.query<MessageRow>(`${MESSAGE_SELECT} where m.author_id = $1 and m.client_id = $2`, [actor.userId, input.clientId]);
    if (again.rows[0]) {
      if (again.rows[0].discussion_id !== d.id) throw new AppError('CONFLICT', 'This client id was already used for a message in another discussion');
      return { message: (await presentMessages(tx, actor.userId, again.rows))[0], created: false };
    }
    if (!input.text.trim() && !input.uploadIds.length) throw invalid('text', 'Write something or attach a file');
    if (input.replyTo) {
      const r = await tx.query('select 1 from discussion_messages where id = $1 and discussion_id = $2', [input.replyTo, d.id]);
      if (!r.rows.length) throw invalid('replyTo', 'No such message in this discussion');
    }
    const files = await uploadedFiles(tx, actor, input.uploadIds);
    const audience = members ?? (await audienceOf(deps, tx, d));
    // only people who may see the discussion can be mentioned in it
    const mentionable = new Set(d.kind === 'object' ? await mentionableOnObject(deps, tx, d, input.mentions) : audience);
    const mentions = [...new Set(input.mentions)].filter((id) => mentionable.has(id) && id !== actor.userId);
    // numbered under the discussion's row lock (taken above), stored and read back in one statement
    const { rows } = await tx.query<MessageRow>(
      `with s as (update discussions set last_seq = last_seq + 1, last_message_at = now() where id = $1 returning last_seq),
            m as (insert into discussion_messages (discussion_id, seq, author_id, client_id, body, reply_to, mentions, files, search)
                  select $1, s.last_seq, $2, $3, $4, $5, $6, $7, to_tsvector('russian', $4) from s
                  returning *)
       ${MESSAGE_SELECT.replace('from discussion_messages m', 'from m')}`,
      [d.id, actor.userId, input.clientId, input.text, input.replyTo ?? null, mentions, JSON.stringify(files)],
    );
    const message = (await presentMessages(tx, actor.userId, rows, false))[0];
    // the sender has read their own message; mentioned people get the discussion in their list
    await tx.query(
      `insert into discussion_states (discussion_id, user_id, read_seq) select $1, u, case when u = $2 then $3::bigint else 0 end from unnest($4::uuid[]) u
       on conflict (discussion_id, user_id) do update set read_seq = greatest(discussion_states.read_seq, excluded.read_seq)`,
      [d.id, actor.userId, message.seq, [actor.userId, ...mentions]],
    );
    const to = [...new Set([...audience, actor.userId, ...mentions])];
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'discussion.message', payload: { message }, userIds: to });
    if (mentions.length) await deps.bus.emit(tx, { orgId: actor.orgId, type: 'discussion.mention', payload: { discussionId: d.id, messageId: message.id, by: message.author }, userIds: mentions });
    return { message, created: true };
  });
}

/** Of the people named, those who may see the object a contextual discussion is about. */
async function mentionableOnObject(deps: AccessDeps, tx: Parameters<Parameters<Deps['db']['tx']>[0]>[0], d: Awaited<ReturnType<typeof accessDiscussion>>, ids: string[]) {
  if (!ids.length) return [];
  const { rows } = await tx.query<{ id: string; login: string; role: 'administrator' | 'user' }>('select id, login, role from users where org_id = $1 and active and id = any($2::uuid[])', [d.org_id, ids]);
  const out: string[] = [];
  for (const u of rows) {
    try {
      await accessDiscussion(deps, { kind: 'user', userId: u.id, orgId: d.org_id, login: u.login, role: u.role, via: 'session' }, d.id, tx);
      out.push(u.id);
    } catch {
      // may not see the object: not mentioned
    }
  }
  return out;
}
