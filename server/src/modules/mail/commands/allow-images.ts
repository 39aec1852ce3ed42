import type { Deps } from '../../../deps.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import { invalid } from '../../../platform/errors/index.ts';
import { accessEntry } from '../access.ts';
import { entryById } from '../store.ts';

/**
 * Lets the remote images of an outside message load: for this message, or for every message
 * from its sender from now on (kept per person). Internal mail carries no remote images.
 */
export async function allowImages(deps: Pick<Deps, 'db'>, actor: UserActor, id: string, scope: 'message' | 'sender') {
  return deps.db.tx(async (tx) => {
    const e = await accessEntry(tx, actor, id);
    const { rows } = await tx.query<{ account_id: string | null; from_address: string | null }>('select account_id, from_address from mail_messages where id = $1', [e.message_id]);
    const m = rows[0];
    if (!m?.account_id) throw invalid('entryId', 'Only mail from outside has remote images to allow.');
    if (scope === 'message') await tx.query('update mail_messages set remote_images = true where id = $1', [e.message_id]);
    else if (m.from_address) await tx.query('insert into mail_image_senders (user_id, address) values ($1, $2) on conflict do nothing', [actor.userId, m.from_address]);
    else throw invalid('scope', 'This message names no sender address; allow its images for this message only.');
    return (await entryById(tx, id))!;
  });
}
