import { randomUUID } from 'node:crypto';
import type { AccountInput } from '@mailroom/contract';
import type { Deps } from '../../../deps.ts';
import { invalid } from '../../../platform/errors/index.ts';
import type { UserActor } from '../../../platform/http/actor.ts';
import type { Queryable } from '../../../platform/db/index.ts';
import { accessAccount, mirrorOwners } from '../access.ts';
import { ensureSystemFolders } from '../../mail/index.ts';
import { sealSecret } from '../credentials.ts';
import { accountById } from '../store.ts';
import { requestSync } from '../sync/run.ts';

/** Connects a personal external mailbox; a full-mode account starts synchronising at once. */
export async function createAccount(deps: Pick<Deps, 'db' | 'sealer'>, actor: UserActor, input: AccountInput) {
  const password = input.password;
  if (!password) throw invalid('password', 'Enter the password (or app password) of the mailbox');
  return deps.db.tx((tx) => insertAccount(tx, deps, actor, input, { auth: 'password', secret: password }));
}

/** An administrator connects a shared mailbox of the organisation; it fills the mailbox of each person responsible. */
export async function createSharedAccount(deps: Pick<Deps, 'db' | 'sealer'>, actor: UserActor, input: AccountInput & { responsibleIds: string[] }) {
  const password = input.password;
  if (!password) throw invalid('password', 'Enter the password (or app password) of the mailbox');
  return deps.db.tx(async (tx) => {
    const a = await insertAccount(tx, deps, actor, input, { auth: 'password', secret: password }, null);
    await setResponsible(tx, actor, a.id, input.responsibleIds);
    if (a.mode === 'full') await requestSync(tx, a.id);
    return a;
  });
}

/** Who is responsible for a shared account: people of the organisation; the mail of those taken off leaves their mailbox. */
export async function setResponsible(tx: Queryable, actor: UserActor, accountId: string, userIds: string[]) {
  const ids = [...new Set(userIds)];
  const { rows } = await tx.query<{ id: string }>('select id from users where org_id = $1 and id = any($2::uuid[])', [actor.orgId, ids]);
  if (rows.length !== ids.length) throw invalid('responsibleIds', 'Choose people of your organisation');
  const { rows: gone } = await tx.query<{ user_id: string }>('delete from mail_account_users where account_id = $1 and user_id <> all($2::uuid[]) returning user_id', [accountId, ids]);
  await tx.query('insert into mail_account_users (account_id, user_id) select $1, u from unnest($2::uuid[]) u on conflict do nothing', [accountId, ids]);
  if (gone.length) {
    await tx.query(`set local mailroom.sync = 'on'`);
    await tx.query('delete from mail_folders where account_id = $1 and user_id = any($2::uuid[])', [accountId, gone.map((g) => g.user_id)]);
  }
}

/** Stores a new account with its secret (a password, or an OAuth2 token set as JSON) sealed to the row. */
export async function insertAccount(
  tx: Queryable, deps: Pick<Deps, 'sealer'>, actor: UserActor, input: Omit<AccountInput, 'password'>, auth: { auth: 'password' | 'oauth2'; secret: string },
  owner: string | null = actor.userId,
) {
  const id = randomUUID();
  await tx.query(
    `insert into mail_accounts (id, org_id, user_id, name, email, display_name, preset, protocol, in_host, in_port, in_security, smtp_host, smtp_port, smtp_security,
                                login, auth, secret, mode, initial_count, leave_on_server_days, signatures)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)`,
    [id, actor.orgId, owner, input.name, input.email.toLowerCase(), input.displayName ?? null, input.preset, input.protocol, input.incoming.host, input.incoming.port,
      input.incoming.security, input.smtp.host, input.smtp.port, input.smtp.security, input.login, auth.auth, sealSecret(deps, id, auth.secret), input.mode,
      input.initialCount, input.leaveOnServerDays, JSON.stringify(input.signatures)],
  );
  if (input.mode === 'full' && owner) await requestSync(tx, id);
  return (await accountById(tx, id))!;
}

/** Changes settings; a new password replaces the sealed one; omitted fields stay. */
export async function updateAccount(deps: Pick<Deps, 'db' | 'sealer'>, actor: UserActor, id: string, input: Partial<AccountInput>) {
  return deps.db.tx(async (tx) => {
    const a = await accessAccount(tx, actor, id, 'manage');
    const set: string[] = [];
    const params: unknown[] = [id];
    const put = (col: string, v: unknown) => (params.push(v), set.push(`${col} = $${params.length}`));
    if (input.name !== undefined) put('name', input.name);
    if (input.email !== undefined) put('email', input.email.toLowerCase());
    if (input.displayName !== undefined) put('display_name', input.displayName);
    if (input.preset !== undefined) put('preset', input.preset);
    if (input.protocol !== undefined && input.protocol !== a.protocol) throw invalid('protocol', 'Remove the account and add it again to change between IMAP and POP3');
    if (input.incoming) (put('in_host', input.incoming.host), put('in_port', input.incoming.port), put('in_security', input.incoming.security));
    if (input.smtp) (put('smtp_host', input.smtp.host), put('smtp_port', input.smtp.port), put('smtp_security', input.smtp.security));
    if (input.login !== undefined) put('login', input.login);
    if (input.password !== undefined) (put('secret', sealSecret(deps, id, input.password)), put('auth', 'password'));
    if (input.mode !== undefined) put('mode', input.mode);
    if (input.initialCount !== undefined) put('initial_count', input.initialCount);
    if (input.leaveOnServerDays !== undefined) put('leave_on_server_days', input.leaveOnServerDays);
    if (input.signatures !== undefined) put('signatures', JSON.stringify(input.signatures));
    if (set.length) await tx.query(`update mail_accounts set ${set.join(', ')}, status = case when status = 'error' then 'new' else status end where id = $1`, params);
    const after = (await accountById(tx, id))!;
    if (after.mode === 'full') await requestSync(tx, id);
    return after;
  });
}

/** Removes the account with the mail taken from it (its folders, entries and messages), except mail tied to business objects. */
export async function deleteAccount(deps: Pick<Deps, 'db' | 'bus'>, actor: UserActor, id: string) {
  await deps.db.tx(async (tx) => {
    const a = await accessAccount(tx, actor, id, 'manage');
    const owners = await mirrorOwners(tx, a);
    await tx.query(`set local mailroom.sync = 'on'`);
    // mail tied to business objects stays: out of the account's folders into each holder's Archive
    await ensureSystemFolders(tx, owners);
    await tx.query(
      `update mail_entries e set folder_id = (select f.id from mail_folders f where f.user_id = e.user_id and f.role = 'archive')
        where e.folder_id in (select id from mail_folders where account_id = $1)
          and exists (select 1 from mail_object_links l where l.message_id = e.message_id)`,
      [a.id],
    );
    await tx.query('update mail_messages m set account_id = null where account_id = $1 and exists (select 1 from mail_object_links l where l.message_id = m.id)', [a.id]);
    await tx.query('delete from mail_accounts where id = $1', [a.id]);
    await deps.bus.emit(tx, { orgId: actor.orgId, type: 'mail.changed', payload: { folderIds: [] }, userIds: owners });
  });
}
