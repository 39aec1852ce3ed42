import { z } from 'zod';
import {
  Account, AccountInput, AccountList, AccountUpdate, CheckInput, CheckResult, CheckSaved, Id, ImportRemote, ImportResult, Ok, PresetList,
  RemoteFolderList, RemoteListQuery, RemoteMessage, RemoteMessageQuery, RemotePage,
  OAuthCallbackQuery, OAuthClient, OAuthClientInput, OAuthClientList, OAuthStart, OAuthStarted, Preset, PresetId, PresetInput, Responsible, SharedAccountInput,
} from '@mailroom/contract';
import { invalid, notFound } from '../../platform/errors/index.ts';
import type { Deps } from '../../deps.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { defineRoute, type RouteDef } from '../../platform/http/route.ts';
import { accessAccount } from './access.ts';
import { checkAccount } from './commands/check-account.ts';
import { createAccount, createSharedAccount, deleteAccount, setResponsible, updateAccount } from './commands/save-account.ts';
import { syncNow } from './commands/sync-now.ts';
import { requestSync } from './sync/run.ts';
import { connectOptions, credentials, incomingEndpoint, smtpEndpoint } from './credentials.ts';
import { remoteFolders, remoteMessage, remoteMessages } from './light/browse.ts';
import { importRemote } from './light/import.ts';
import { oauthClients, presentClient, saveClient } from './oauth/clients.ts';
import { finishOAuth, startOAuth } from './oauth/flow.ts';
import { presentAccounts, presentOne } from './present.ts';
import { BUILT_IN_PRESETS } from './presets.ts';
import { ACCOUNT_COLS, accountsOf, type AccountRow } from './store.ts';

const tag = 'accounts';
const Params = z.object({ id: Id });
const me = (a: unknown) => a as UserActor;
const settingsExample = {
  name: 'Work', email: 'anna@example.com', incoming: { host: 'imap.example.com', port: 993, security: 'tls' }, smtp: { host: 'smtp.example.com', port: 465, security: 'tls' },
  login: 'anna@example.com',
};
const example = { ...settingsExample, password: 'app-password' };

/** A person's external mail accounts: their own (person class); foreign ids are NOT_FOUND. */
export function accountRoutes(deps: Deps): RouteDef[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/accounts', access: 'person', tag, summary: 'My external mail accounts with their state', response: AccountList,
      handler: async ({ actor }) => ({ items: await presentAccounts(deps.db, await accountsOf(deps.db, me(actor).userId)) }),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/accounts/presets', access: 'person', tag, summary: 'Provider presets (built in and the organisation\'s own)', response: PresetList,
      handler: async ({ actor }) => {
        const { rows } = await deps.db.query<{ body: z.infer<typeof PresetList>['items'][number] }>('select body from mail_presets where org_id = $1 order by id', [me(actor).orgId]);
        const withOAuth = new Set((await oauthClients(deps.db, me(actor).orgId)).map((c) => c.preset_id));
        return { items: [...BUILT_IN_PRESETS, ...rows.map((r) => ({ ...r.body, builtIn: false }))].map((p) => ({ ...p, oauth2: withOAuth.has(p.id) })) };
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/accounts', access: 'person', tag, summary: 'Connect an external mailbox', status: 201, body: AccountInput, response: Account, example,
      handler: async ({ actor, body }) => presentOne(deps.db, await createAccount(deps, me(actor), body)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/accounts/check', access: 'person', tag, summary: 'Check settings before saving: connect, sign in, list folders, send a test message',
      body: CheckInput, response: CheckResult, example: { ...example, sendTest: false },
      handler: ({ body }) =>
        checkAccount(deps, {
          protocol: body.protocol, email: body.email, displayName: body.displayName ?? null,
          incoming: connectOptions(deps, body.incoming, { user: body.login, pass: body.password ?? '' }),
          smtp: connectOptions(deps, body.smtp, { user: body.login, pass: body.password ?? '' }),
        }, body.sendTest),
    }),
    defineRoute({
      method: 'PATCH', url: '/api/v1/accounts/:id', access: 'person', tag, summary: 'Change an account (a new password replaces the stored one)', params: Params,
      body: AccountUpdate, response: Account, example: { name: 'Work mail' },
      handler: async ({ actor, params, body }) => presentOne(deps.db, await updateAccount(deps, me(actor), params.id, body)),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/accounts/:id', access: 'person', tag, summary: 'Remove an account and the mail taken from it', params: Params, response: Ok,
      handler: async ({ actor, params }) => (await deleteAccount(deps, me(actor), params.id), { ok: true }),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/accounts/:id/check', access: 'person', tag, summary: 'Check a saved account, or its settings as being edited', params: Params, body: CheckSaved,
      response: CheckResult, example: { sendTest: false },
      handler: async ({ actor, params, body }) => {
        const a = await accessAccount(deps.db, me(actor), params.id, 'operate');
        // the settings being edited, over the saved ones; the stored secret unless a new password is given
        const c = body.changes ?? {};
        const login = c.login ?? a.login;
        const auth = c.password !== undefined ? { user: login, pass: c.password } : { ...(await credentials(deps, a)), user: login };
        return checkAccount(deps, {
          protocol: a.protocol, email: c.email ?? a.email, displayName: c.displayName ?? a.display_name,
          incoming: connectOptions(deps, c.incoming ?? incomingEndpoint(a), auth), smtp: connectOptions(deps, c.smtp ?? smtpEndpoint(a), auth),
        }, body.sendTest);
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/accounts/:id/sync', access: 'person', tag, summary: 'Reconnect: synchronise now', params: Params, response: Account,
      handler: async ({ actor, params }) => presentOne(deps.db, await syncNow(deps, me(actor), params.id)),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/accounts/shared', access: 'administrator', tag, summary: "The organisation's shared mailboxes with the people responsible", response: AccountList,
      handler: async ({ actor }) => {
        const { rows } = await deps.db.query<AccountRow>(`select ${ACCOUNT_COLS} from mail_accounts where org_id = $1 and user_id is null order by created_at, id`, [me(actor).orgId]);
        return { items: await presentAccounts(deps.db, rows) };
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/accounts/shared', access: 'administrator', tag, summary: 'Connect a shared mailbox (info@, sales@) for the people responsible for it', status: 201,
      body: SharedAccountInput, response: Account, example: { ...example, responsibleIds: ['00000000-0000-4000-8000-000000000000'] },
      handler: async ({ actor, body }) => presentOne(deps.db, await createSharedAccount(deps, me(actor), body)),
    }),
    defineRoute({
      method: 'PUT', url: '/api/v1/accounts/:id/responsible', access: 'administrator', tag, summary: 'Set who is responsible for a shared mailbox', params: Params,
      body: Responsible, response: Account, example: { userIds: ['00000000-0000-4000-8000-000000000000'] },
      handler: async ({ actor, params, body }) =>
        presentOne(deps.db, await deps.db.tx(async (tx) => {
          const a = await accessAccount(tx, me(actor), params.id, 'manage');
          if (a.user_id !== null) throw invalid('id', 'Only a shared mailbox has people responsible for it; a personal one belongs to its owner');
          await setResponsible(tx, me(actor), a.id, body.userIds);
          if (a.mode === 'full') await requestSync(tx, a.id);
          return a;
        })),
    }),
    defineRoute({
      method: 'PUT', url: '/api/v1/accounts/presets/:presetId', access: 'administrator', tag, summary: "Add or change one of the organisation's own presets (its mail domain)",
      params: z.object({ presetId: PresetId }), body: PresetInput.omit({ id: true }), response: Preset,
      example: { name: 'Our mail', imap: { host: 'mail.example.com', port: 993, security: 'tls' }, pop3: null, smtp: { host: 'mail.example.com', port: 587, security: 'starttls' }, helpUrl: null, domains: ['example.com'] },
      handler: async ({ actor, params, body }) => {
        if (BUILT_IN_PRESETS.some((p) => p.id === params.presetId)) throw invalid('presetId', 'This is a built-in preset; give the organisation\'s own preset another id');
        const preset = { ...body, id: params.presetId };
        await deps.db.query(
          'insert into mail_presets (org_id, id, body) values ($1, $2, $3) on conflict (org_id, id) do update set body = excluded.body',
          [me(actor).orgId, params.presetId, JSON.stringify(preset)],
        );
        return { ...preset, builtIn: false, oauth2: (await oauthClients(deps.db, me(actor).orgId)).some((c) => c.preset_id === params.presetId) };
      },
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/accounts/presets/:presetId', access: 'administrator', tag, summary: "Remove one of the organisation's own presets (accounts made with it keep their settings)",
      params: z.object({ presetId: PresetId }), response: Ok,
      handler: async ({ actor, params }) => {
        const r = await deps.db.query('delete from mail_presets where org_id = $1 and id = $2', [me(actor).orgId, params.presetId]);
        if (!r.rowCount) throw notFound();
        return { ok: true };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/accounts/oauth-clients', access: 'administrator', tag, summary: "The organisation's OAuth2 clients at mail providers (no secrets)",
      response: OAuthClientList,
      handler: async ({ actor }) => ({ items: (await oauthClients(deps.db, me(actor).orgId)).map(presentClient) }),
    }),
    defineRoute({
      method: 'PUT', url: '/api/v1/accounts/oauth-clients/:presetId', access: 'administrator', tag, summary: 'Register the OAuth2 client for a provider preset (the secret is sealed)',
      params: z.object({ presetId: PresetId }), body: OAuthClientInput, response: OAuthClient,
      example: { authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth', tokenUrl: 'https://oauth2.googleapis.com/token', clientId: 'id', clientSecret: 'secret', scope: 'https://mail.google.com/' },
      handler: async ({ actor, params, body }) => presentClient(await saveClient(deps, me(actor).orgId, params.presetId, body)),
    }),
    defineRoute({
      method: 'DELETE', url: '/api/v1/accounts/oauth-clients/:presetId', access: 'administrator', tag, summary: 'Remove the OAuth2 client of a preset', params: z.object({ presetId: PresetId }),
      response: Ok,
      handler: async ({ actor, params }) => {
        const r = await deps.db.query('delete from mail_oauth_clients where org_id = $1 and preset_id = $2', [me(actor).orgId, params.presetId]);
        if (!r.rowCount) throw notFound();
        return { ok: true };
      },
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/accounts/oauth/start', access: 'person', tag, summary: 'Sign in with the provider (OAuth2, PKCE): where to send the browser',
      body: OAuthStart, response: OAuthStarted, example: { ...settingsExample, preset: 'gmail' },
      handler: ({ actor, body }) => startOAuth(deps, me(actor), body),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/accounts/oauth/callback', access: 'person', tag, summary: 'The provider sends the browser back here; the account is saved and the browser goes to the settings',
      query: OAuthCallbackQuery, raw: true,
      handler: async ({ actor, query, reply }) => {
        const to = await finishOAuth(deps, me(actor), query).then(
          (id) => (id === 'system' ? '/admin/system-mail?connected=1' : `/settings/accounts?connected=${encodeURIComponent(id)}`),
          (err: { code?: string; extra?: { problem?: string }; system?: boolean }) =>
            `${err.system ? '/admin/system-mail' : '/settings/accounts'}?oauthError=${encodeURIComponent(err.extra?.problem ?? err.code ?? 'INTERNAL')}`,
        );
        return reply.redirect(to, 303);
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/accounts/:id/remote/folders', access: 'person', tag, summary: "Browse: the server's folders (read now, nothing kept)",
      params: Params, response: RemoteFolderList,
      handler: ({ actor, params }) => remoteFolders(deps, me(actor), params.id),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/accounts/:id/remote/messages', access: 'person', tag, summary: 'Browse: a page of a server folder, newest first',
      params: Params, query: RemoteListQuery, response: RemotePage,
      handler: ({ actor, params, query }) => remoteMessages(deps, me(actor), params.id, query),
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/accounts/:id/remote/message', access: 'person', tag, summary: 'Browse: one message of a server folder, sanitised',
      params: Params, query: RemoteMessageQuery, response: RemoteMessage,
      handler: ({ actor, params, query }) => remoteMessage(deps, me(actor), params.id, query.folder, query.uid),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/accounts/:id/remote/import', access: 'person', tag, summary: 'Import chosen server messages into my mailbox',
      params: Params, body: ImportRemote, response: ImportResult, example: { folder: 'INBOX', uids: [1, 2] },
      handler: ({ actor, params, body }) => importRemote(deps, me(actor), params.id, body.folder, body.uids),
    }),
  ];
}
