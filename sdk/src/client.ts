import type {
  Account, AccountInput, CheckResult, OAuthClient, Preset, PresetInput, RemoteFolder, RemoteMessage, RemoteSummary,
  Compose, MailFolder, MailMessage, MailSearchQuery, MailSummary, Party, Upload,
  ApiKey, BusinessObject, CreateUser, Department, Event, Group, PutObject, SessionInfo, UpdateSettings, UpdateUser, User, Language, SendKey,
} from '@mailroom/contract';
import { Http, type HttpOptions } from './http.ts';
import { EventStream, type EventStreamOptions } from './events.ts';
import { discussionMethods, presenceMethods } from './discussions.ts';

export interface Page<T> { items: T[]; nextCursor: string | null }
type Ok = { ok: true };
const enc = encodeURIComponent;

/** Typed client for the Mailroom REST API and event stream. The web client uses it like any customer. */
export class MailroomClient {
  readonly http: Http;
  constructor(opts: HttpOptions = {}) {
    this.http = new Http(opts);
  }

  private call<T>(method: string, path: string, body?: unknown, query?: Record<string, unknown>) {
    return this.http.call<T>(method, `/api/v1${path}`, body, query);
  }

  private remember<T extends { csrfToken: string | null }>(p: Promise<T>): Promise<T> {
    return p.then((s) => ((this.http.csrfToken = s.csrfToken), s));
  }

  readonly auth = {
    login: (login: string, password: string) => this.remember(this.call<SessionInfo>('POST', '/auth/login', { login, password })),
    logout: () => this.call<Ok>('POST', '/auth/logout', {}).finally(() => (this.http.csrfToken = null)),
    me: () => this.remember(this.call<SessionInfo>('GET', '/me')),
    changePassword: (current: string, next: string) => this.call<Ok>('POST', '/me/password', { current, next }),
  };

  readonly settings = {
    update: (patch: UpdateSettings) => this.call<{ language: Language; timeZone: string; sendKey: SendKey }>('PATCH', '/me/settings', patch),
  };

  readonly users = {
    list: (q: { q?: string; departmentId?: string; ids?: string[]; limit?: number; cursor?: string } = {}) =>
      this.call<Page<User>>('GET', '/users', undefined, { ...q, ids: q.ids?.join(',') }),
    get: (id: string) => this.call<User>('GET', `/users/${enc(id)}`),
    create: (u: Partial<CreateUser> & { login: string; name: string; password: string }) => this.call<User>('POST', '/users', u),
    update: (id: string, patch: UpdateUser) => this.call<User>('PATCH', `/users/${enc(id)}`, patch),
  };

  readonly departments = {
    list: () => this.call<{ items: Department[] }>('GET', '/departments'),
    create: (d: { name: string; parentId?: string | null }) => this.call<Department>('POST', '/departments', d),
    update: (id: string, d: { name?: string; parentId?: string | null }) => this.call<Department>('PATCH', `/departments/${enc(id)}`, d),
    remove: (id: string) => this.call<Ok>('DELETE', `/departments/${enc(id)}`),
  };

  readonly groups = {
    list: () => this.call<{ items: Group[] }>('GET', '/groups'),
    get: (id: string) => this.call<Group>('GET', `/groups/${enc(id)}`),
    create: (g: { name: string; memberIds?: string[] }) => this.call<Group>('POST', '/groups', g),
    update: (id: string, g: { name?: string; memberIds?: string[] }) => this.call<Group>('PATCH', `/groups/${enc(id)}`, g),
    remove: (id: string) => this.call<Ok>('DELETE', `/groups/${enc(id)}`),
  };

  readonly apiKeys = {
    list: () => this.call<{ items: ApiKey[] }>('GET', '/apikeys'),
    create: (name: string) => this.call<ApiKey & { key: string }>('POST', '/apikeys', { name }),
    revoke: (id: string) => this.call<Ok>('DELETE', `/apikeys/${enc(id)}`),
  };

  readonly objects = {
    put: (type: string, id: string, o: PutObject) => this.call<BusinessObject>('PUT', `/objects/${enc(type)}/${enc(id)}`, o),
    get: (type: string, id: string) => this.call<BusinessObject>('GET', `/objects/${enc(type)}/${enc(id)}`),
    remove: (type: string, id: string) => this.call<Ok>('DELETE', `/objects/${enc(type)}/${enc(id)}`),
  };

  readonly mail = {
    folders: () => this.call<{ items: MailFolder[] }>('GET', '/mail/folders'),
    createFolder: (f: { name: string; parentId?: string | null }) => this.call<MailFolder>('POST', '/mail/folders', f),
    updateFolder: (id: string, f: { name?: string; parentId?: string | null }) => this.call<MailFolder>('PATCH', `/mail/folders/${enc(id)}`, f),
    deleteFolder: (id: string) => this.call<Ok>('DELETE', `/mail/folders/${enc(id)}`),
    list: (folderId: string, q: { limit?: number; cursor?: string; unread?: boolean } = {}) =>
      this.call<Page<MailSummary>>('GET', `/mail/folders/${enc(folderId)}/messages`, undefined, { ...q, unread: q.unread === undefined ? undefined : String(q.unread) }),
    search: (q: Partial<Omit<MailSearchQuery, 'hasAttachment' | 'unread'>> & { hasAttachment?: boolean; unread?: boolean }) =>
      this.call<Page<MailSummary>>('GET', '/mail/search', undefined, {
        ...q, hasAttachment: q.hasAttachment === undefined ? undefined : String(q.hasAttachment), unread: q.unread === undefined ? undefined : String(q.unread),
      }),
    get: (entryId: string) => this.call<MailMessage>('GET', `/mail/entries/${enc(entryId)}`),
    thread: (entryId: string) => this.call<{ items: MailMessage[] }>('GET', `/mail/entries/${enc(entryId)}/thread`),
    deliveries: (entryId: string) =>
      this.call<{ items: { userId: string; name: string; role: 'to' | 'cc' | 'bcc'; via: string | null; deliveredAt: string; readAt: string | null }[]; notYetReadBy: string[] }>(
        'GET', `/mail/entries/${enc(entryId)}/deliveries`,
      ),
    update: (entryId: string, patch: { seen?: boolean; flagged?: boolean }) => this.call<MailMessage>('PATCH', `/mail/entries/${enc(entryId)}`, patch),
    send: (m: Partial<Compose>) => this.call<MailMessage>('POST', '/mail/messages', m),
    saveDraft: (m: Partial<Compose>) => this.call<MailMessage>('POST', '/mail/drafts', m),
    move: (entryIds: string[], folderId: string) => this.call<Ok>('POST', '/mail/entries/move', { entryIds, folderId }),
    copy: (entryIds: string[], folderId: string) => this.call<{ entryIds: string[] }>('POST', '/mail/entries/copy', { entryIds, folderId }),
    remove: (entryIds: string[]) => this.call<Ok>('POST', '/mail/entries/delete', { entryIds }),
    emptyTrash: () => this.call<{ deleted: number }>('POST', '/mail/trash/empty'),
    recipients: (q: string, limit = 10) => this.call<{ items: Party[] }>('GET', '/mail/recipients', undefined, { q, limit }),
    settings: () => this.call<{ pollSeconds: number; serverPollSeconds: number; ownPollSeconds: number | null }>('GET', '/mail/settings'),
    updateSettings: (s: { pollSeconds: number | null }) =>
      this.call<{ pollSeconds: number; serverPollSeconds: number; ownPollSeconds: number | null }>('PATCH', '/mail/settings', s),
    /** Uploads a file for a message being written (the body is streamed as is). */
    upload: (filename: string, data: Blob | Uint8Array | ArrayBuffer, contentType = 'application/octet-stream') =>
      this.http.raw<Upload>('PUT', `/api/v1/mail/uploads`, data, contentType, { filename }),
    /** Administrators: whether a person's mailbox is on legal hold, and setting it. */
    hold: (userId: string) => this.call<{ userId: string; hold: boolean }>('GET', `/mail/holds/${enc(userId)}`),
    setHold: (userId: string, hold: boolean) => this.call<{ userId: string; hold: boolean }>('PUT', `/mail/holds/${enc(userId)}`, { hold }),
    /** The address to download an attachment (same origin, with the session cookie). */
    attachmentUrl: (entryId: string, attachmentId: string) => `${this.http.baseUrl}/api/v1/mail/entries/${enc(entryId)}/attachments/${enc(attachmentId)}`,
    /** The address to download the original of a message from outside (.eml). */
    rawUrl: (entryId: string) => `${this.http.baseUrl}/api/v1/mail/entries/${enc(entryId)}/raw`,
    /** Shows the remote images of this message, or of every message from its sender from now on. */
    allowImages: (entryId: string, scope: 'message' | 'sender') => this.call<MailMessage>('POST', `/mail/entries/${enc(entryId)}/remote-images`, { scope }),
    /** The business objects a message is tied to; tie and untie (objects the person may see). */
    links: (entryId: string) => this.call<{ items: BusinessObject[] }>('GET', `/mail/entries/${enc(entryId)}/links`),
    link: (entryId: string, type: string, id: string) => this.call<{ items: BusinessObject[] }>('POST', `/mail/entries/${enc(entryId)}/links`, { type, id }),
    unlink: (entryId: string, type: string, id: string) => this.call<{ items: BusinessObject[] }>('POST', `/mail/entries/${enc(entryId)}/links/remove`, { type, id }),
  };

  /** External mail accounts (IMAP or POP3 with SMTP). */
  readonly accounts = {
    list: () => this.call<{ items: Account[] }>('GET', '/accounts'),
    presets: () => this.call<{ items: Preset[] }>('GET', '/accounts/presets'),
    create: (a: Partial<AccountInput> & Pick<AccountInput, 'name' | 'email' | 'incoming' | 'smtp' | 'login'>) => this.call<Account>('POST', '/accounts', a),
    update: (id: string, a: Partial<AccountInput>) => this.call<Account>('PATCH', `/accounts/${enc(id)}`, a),
    remove: (id: string) => this.call<Ok>('DELETE', `/accounts/${enc(id)}`),
    /** Checks settings before saving them. */
    check: (a: Partial<AccountInput> & Pick<AccountInput, 'name' | 'email' | 'incoming' | 'smtp' | 'login'> & { sendTest?: boolean }) => this.call<CheckResult>('POST', '/accounts/check', a),
    /** Checks a saved account; `changes` checks settings being edited (the stored password unless a new one is in them). */
    checkSaved: (id: string, sendTest = true, changes?: Partial<AccountInput>) => this.call<CheckResult>('POST', `/accounts/${enc(id)}/check`, { sendTest, changes }),
    /** Reconnect / synchronise now. */
    sync: (id: string) => this.call<Account>('POST', `/accounts/${enc(id)}/sync`),
    /** Light mode: the server's folders, a page of a folder (newest first), one message, read on demand. */
    remoteFolders: (id: string) => this.call<{ items: RemoteFolder[] }>('GET', `/accounts/${enc(id)}/remote/folders`),
    remoteMessages: (id: string, q: { folder: string; before?: number; limit?: number }) =>
      this.call<{ items: RemoteSummary[]; nextBefore: number | null }>('GET', `/accounts/${enc(id)}/remote/messages`, undefined, q),
    remoteMessage: (id: string, folder: string, uid: number) => this.call<RemoteMessage>('GET', `/accounts/${enc(id)}/remote/message`, undefined, { folder, uid }),
    /** Light mode: copies chosen messages into Mailroom (the account's folder in my mailbox). */
    importRemote: (id: string, folder: string, uids: number[]) => this.call<{ entryIds: string[] }>('POST', `/accounts/${enc(id)}/remote/import`, { folder, uids }),
    /** "Sign in with the provider" (OAuth2): for a new account (its settings) or to sign an account in again; send the browser to authorizeUrl. */
    startOAuth: (a: Omit<Partial<AccountInput>, 'password'> | { accountId: string }) => this.call<{ authorizeUrl: string }>('POST', '/accounts/oauth/start', a),
    /** Administrators: the organisation's own presets and its OAuth2 clients at providers. */
    savePreset: (id: string, p: Omit<PresetInput, 'id'>) => this.call<Preset>('PUT', `/accounts/presets/${enc(id)}`, p),
    removePreset: (id: string) => this.call<Ok>('DELETE', `/accounts/presets/${enc(id)}`),
    oauthClients: () => this.call<{ items: OAuthClient[] }>('GET', '/accounts/oauth-clients'),
    saveOAuthClient: (presetId: string, c: { authorizeUrl: string; tokenUrl: string; clientId: string; clientSecret?: string; scope: string }) =>
      this.call<OAuthClient>('PUT', `/accounts/oauth-clients/${enc(presetId)}`, c),
    removeOAuthClient: (presetId: string) => this.call<Ok>('DELETE', `/accounts/oauth-clients/${enc(presetId)}`),
    /** Administrators: the organisation's shared mailboxes (IMAP) and who is responsible for each. */
    shared: () => this.call<{ items: Account[] }>('GET', '/accounts/shared'),
    createShared: (a: Partial<AccountInput> & Pick<AccountInput, 'name' | 'email' | 'incoming' | 'smtp' | 'login'> & { responsibleIds: string[] }) =>
      this.call<Account>('POST', '/accounts/shared', a),
    setResponsible: (id: string, userIds: string[]) => this.call<Account>('PUT', `/accounts/${enc(id)}/responsible`, { userIds }),
  };

  /** Discussions: group, direct and about business objects; messages, reactions, read markers, typing. */
  readonly discussions = discussionMethods((m, p, b, q) => this.call(m, p, b, q), () => this.http.baseUrl);

  /** Presence: my status and settings, and other people's. */
  readonly presence = presenceMethods((m, p, b, q) => this.call(m, p, b, q));

  readonly tokens = {
    /** Host application only: a short-lived token for one user, for embedded widgets. */
    mint: (who: { userId?: string; login?: string; ttlSeconds?: number }) => this.call<{ token: string; expiresAt: string }>('POST', '/tokens', who),
  };

  readonly events = {
    since: (after: string) => this.call<{ events: Event[]; lastEventId: string; resync: boolean }>('GET', '/events', undefined, { after }),
    connect: (o: Omit<EventStreamOptions, 'url'> & { url?: string }) => {
      const base = this.http.baseUrl || (globalThis as { location?: { origin: string } }).location!.origin;
      const url = o.url ?? base.replace(/^http/, 'ws') + '/api/v1/events/ws';
      const headers = o.headers ?? (this.http.cookie ? { cookie: this.http.cookie } : undefined);
      return new EventStream({ token: this.http.opts.token, ...o, url, headers });
    },
  };
}
