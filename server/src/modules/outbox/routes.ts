import { z } from 'zod';
import { OutboxItem, OutboxLogPage, OutboxLogQuery, OutboxPage, OutboxQuery, OutboxStatus, SystemMailInput, SystemMailOAuthStart, SystemMailSettings, SystemMailTest, SystemMailTestResult, OAuthStarted } from '@mailroom/contract';
import type { Deps } from '../../deps.ts';
import type { UserActor } from '../../platform/http/actor.ts';
import { defineRoute, type RouteDef } from '../../platform/http/route.ts';
import { actOnOutbox, type OutboxAction } from './commands/act.ts';
import { sendTestMessage } from './commands/send-test.ts';
import { presentLog, presentOutbox, OUTBOX_COLS, type LogRow, type OutboxRow } from './present.ts';
import { loadSettings, presentSettings, saveSettings } from './settings.ts';
import { startSystemOAuth } from './system-auth.ts';

const tag = 'outbox';
const Params = z.object({ id: z.string().regex(/^[0-9]{1,19}$/, 'A queue id') });
const me = (a: unknown) => a as UserActor;
/** Pages newest first by id; the cursor is the last id shown. */
const cursorId = (c?: string) => (c && /^[0-9]{1,19}$/.test(c) ? c : null);

/** The outgoing mail queue and the system account: administrators of the organisation only. */
export function outboxRoutes(deps: Deps): RouteDef[] {
  const act = (action: OutboxAction, summary: string) =>
    defineRoute({
      method: 'POST', url: `/api/v1/admin/outbox/:id/${action}`, access: 'administrator', tag, summary, params: Params, response: OutboxItem,
      handler: async ({ actor, params }) => presentOutbox(await actOnOutbox(deps, me(actor).orgId, params.id, action)),
    });
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/admin/outbox', access: 'administrator', tag, summary: 'The outgoing mail queue, newest first, by status, with counts', query: OutboxQuery, response: OutboxPage,
      handler: async ({ actor, query }) => {
        const org = me(actor).orgId;
        const params: unknown[] = [org, query.limit + 1];
        const where = ['org_id = $1'];
        if (query.status) where.push(`status = $${params.push(query.status)}`);
        const after = cursorId(query.cursor);
        if (after) where.push(`id < $${params.push(after)}`);
        const { rows } = await deps.db.query<OutboxRow>(`select ${OUTBOX_COLS} from outbox where ${where.join(' and ')} order by outbox.id desc limit $2`, params);
        const counts = await deps.db.query<{ status: z.infer<typeof OutboxStatus>; n: number }>('select status, count(*)::int as n from outbox where org_id = $1 group by status', [org]);
        const items = rows.slice(0, query.limit);
        return {
          items: items.map(presentOutbox),
          nextCursor: rows.length > query.limit ? items[items.length - 1].id : null,
          counts: Object.fromEntries(OutboxStatus.options.map((s) => [s, counts.rows.find((c) => c.status === s)?.n ?? 0])) as Record<z.infer<typeof OutboxStatus>, number>,
        };
      },
    }),
    defineRoute({
      method: 'GET', url: '/api/v1/admin/outbox/log', access: 'administrator', tag, summary: 'The delivery log, newest first (kept after messages are deleted)', query: OutboxLogQuery, response: OutboxLogPage,
      handler: async ({ actor, query }) => {
        const params: unknown[] = [me(actor).orgId, query.limit + 1];
        const where = ['org_id = $1'];
        if (query.outboxId) where.push(`outbox_id = $${params.push(query.outboxId)}`);
        const after = cursorId(query.cursor);
        if (after) where.push(`id < $${params.push(after)}`);
        const { rows } = await deps.db.query<LogRow>(
          `select id::text, outbox_id::text, at, event, subject, recipients, message_id, problem, detail from outbox_log where ${where.join(' and ')} order by outbox_log.id desc limit $2`,
          params,
        );
        const items = rows.slice(0, query.limit);
        return { items: items.map(presentLog), nextCursor: rows.length > query.limit ? items[items.length - 1].id : null };
      },
    }),
    act('retry', 'Send a failed or cancelled message again (a fresh lifetime), or a waiting one now'),
    act('send-now', 'Send a waiting message now instead of at its next attempt'),
    act('cancel', 'Do not send a waiting message'),
    defineRoute({
      method: 'GET', url: '/api/v1/admin/system-mail', access: 'administrator', tag, summary: "The system account the organisation's mail goes out through (secrets never returned)", response: SystemMailSettings,
      handler: async ({ actor }) => presentSettings(await loadSettings(deps.db, me(actor).orgId)),
    }),
    defineRoute({
      method: 'PUT', url: '/api/v1/admin/system-mail', access: 'administrator', tag, summary: 'Set up the system account: sending on or off, sender, server, sign-in, DKIM, what to keep after sending',
      body: SystemMailInput, response: SystemMailSettings,
      example: { enabled: true, accountName: 'Notifications', fromAddress: 'noreply@example.org', displayName: 'Mailroom', host: 'smtp.example.org', port: 587, security: 'starttls', auth: 'password', login: 'noreply@example.org', password: 'app-password' },
      handler: async ({ actor, body }) => presentSettings(await saveSettings(deps, me(actor).orgId, body)),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/admin/system-mail/oauth/start', access: 'administrator', tag,
      summary: "Sign the system account in with its provider (OAuth2, PKCE): where to send the browser; it comes back to the system mail screen",
      body: SystemMailOAuthStart, response: OAuthStarted, example: { preset: 'outlook' },
      handler: ({ actor, body }) => startSystemOAuth(deps, me(actor), body.preset),
    }),
    defineRoute({
      method: 'POST', url: '/api/v1/admin/system-mail/test', access: 'administrator', tag, summary: "Send a test message (optionally with an uploaded file) and show the server's answer",
      body: SystemMailTest, response: SystemMailTestResult, example: { to: 'admin@example.org' },
      handler: async ({ actor, body }) => sendTestMessage(deps, me(actor), body.to, body.uploadId),
    }),
  ];
}

