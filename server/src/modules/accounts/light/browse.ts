import type { ImapFlow } from 'imapflow';
import type { RemoteFolder, RemoteMessage, RemoteSummary } from '@mailroom/contract';
import type { UserActor } from '../../../platform/http/actor.ts';
import { AppError } from '../../../platform/errors/index.ts';
import { parseMime } from '../../mail/index.ts';
import { inFolder, withRemote, type LightDeps } from './session.ts';

type Fetched = Awaited<ReturnType<ImapFlow['fetchOne']>>;

function summary(m: Exclude<Fetched, false>): RemoteSummary {
  const from = m.envelope?.from?.[0];
  return {
    uid: m.uid,
    subject: m.envelope?.subject ?? '',
    from: from?.address ? { name: from.name ?? '', email: from.address.toLowerCase() } : null,
    date: m.envelope?.date ? new Date(m.envelope.date).toISOString() : null,
    seen: m.flags?.has('\\Seen') ?? false,
    size: m.size ?? 0,
  };
}

/** The server's folders with their message counts. */
export function remoteFolders(deps: LightDeps, actor: UserActor, accountId: string): Promise<{ items: RemoteFolder[] }> {
  return withRemote(deps, actor, accountId, async (client) => {
    const list = await client.list({ statusQuery: { messages: true } });
    const items = list
      .filter((f) => !f.flags.has('\\Noselect') && !f.flags.has('\\NonExistent'))
      .map((f) => ({ path: f.path, name: f.path.toUpperCase() === 'INBOX' ? 'Inbox' : f.name, specialUse: f.specialUse ?? null, messages: f.status?.messages ?? null }));
    return { items };
  });
}

/** A page of a server folder, newest first: the UIDs below `before`, `limit` of them. */
export function remoteMessages(deps: LightDeps, actor: UserActor, accountId: string, q: { folder: string; before?: number; limit: number }) {
  return withRemote(deps, actor, accountId, (client) =>
    inFolder(client, q.folder, async () => {
      const range = q.before ? `1:${Math.max(1, q.before - 1)}` : '1:*';
      const all = q.before === 1 ? [] : ((await client.search({ uid: range }, { uid: true })) || []).filter((u) => !q.before || u < q.before);
      all.sort((a, b) => b - a);
      const uids = all.slice(0, q.limit);
      const items: RemoteSummary[] = [];
      if (uids.length) for await (const m of client.fetch(uids.join(','), { uid: true, envelope: true, flags: true, size: true }, { uid: true })) items.push(summary(m));
      items.sort((a, b) => b.uid - a.uid);
      return { items, nextBefore: all.length > q.limit ? uids[uids.length - 1] : null };
    }),
  );
}

/** One message of a server folder, read and sanitised (remote images held back); \Seen is left alone. */
export function remoteMessage(deps: LightDeps, actor: UserActor, accountId: string, folder: string, uid: number): Promise<RemoteMessage> {
  return withRemote(deps, actor, accountId, (client) =>
    inFolder(client, folder, async () => {
      const m = await client.fetchOne(String(uid), { uid: true, envelope: true, flags: true, size: true, source: true }, { uid: true });
      if (!m || !m.source) throw new AppError('NOT_FOUND', 'The message is no longer in this folder on the server.');
      const parsed = await parseMime(m.source);
      return {
        ...summary(m),
        html: parsed.html,
        text: parsed.text,
        attachments: parsed.attachments.map((a) => ({ filename: a.filename, size: a.content.length, contentType: a.contentType })),
      };
    }),
  );
}
