-- The outgoing mail queue (PRODUCT.md section 6): a row per e-mail leaving for outside addresses,
-- written in the transaction of the change that caused it; sender workers claim due rows with a
-- lease (FOR UPDATE SKIP LOCKED) and record the outcome. The system account of each organisation
-- is what they send through.

create table system_mail_settings (
  org_id uuid primary key references orgs(id) on delete cascade,
  enabled boolean not null default false,
  account_name text not null default '',
  from_address text,
  display_name text not null default '',
  reply_to text,
  host text not null default '',
  port int not null default 587,
  security text not null default 'starttls' check (security in ('tls', 'starttls', 'none')),
  auth text not null default 'password' check (auth in ('none', 'password', 'oauth2')),
  login text not null default '',
  -- the password, or the OAuth2 tokens (JSON): AES-256-GCM, bound to the organisation (platform/crypto)
  secret bytea,
  -- OAuth2: the preset whose organisation client signs in (accounts module, mail_oauth_clients)
  oauth_preset text,
  dkim_domain text,
  dkim_selector text,
  dkim_key bytea,
  after_send text not null default 'archive' check (after_send in ('delete', 'archive')),
  archive_days int not null default 30,
  updated_at timestamptz not null default now()
);

create table outbox (
  id bigserial primary key,
  org_id uuid not null references orgs(id) on delete cascade,
  -- whose action sent it (told when it fails); null: the system
  sender_id uuid references users(id) on delete set null,
  -- the SMTP server it goes to (host:port): concurrency is capped per destination
  destination text not null,
  envelope_from text not null,
  recipients text[] not null,
  message_id text not null,
  subject text not null default '',
  -- From, To, Cc, Reply-To, In-Reply-To as they go out (checked: no line breaks)
  headers jsonb not null,
  text_body text,
  html_body text,
  -- [{sha256, filename, contentType, size}] in the blob store
  attachments jsonb not null default '[]',
  status text not null default 'queued' check (status in ('queued', 'sending', 'deferred', 'sent', 'failed', 'cancelled')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  leased_by text,
  lease_until timestamptz,
  problem text,
  last_error text,
  smtp_response text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  sent_at timestamptz,
  -- sent, failed or cancelled mail is deleted after this (the delivery log stays)
  keep_until timestamptz
);
create index outbox_due on outbox (next_attempt_at, id) where status in ('queued', 'deferred');
create index outbox_in_flight on outbox (destination, lease_until) where status = 'sending';
create index outbox_by_status on outbox (org_id, status, id desc);
create index outbox_keep on outbox (keep_until) where keep_until is not null;

-- What happened to each message, kept when the message is deleted (no foreign key on purpose).
create table outbox_log (
  id bigserial primary key,
  org_id uuid not null references orgs(id) on delete cascade,
  outbox_id bigint not null,
  at timestamptz not null default now(),
  event text not null,
  subject text not null,
  recipients text[] not null,
  message_id text not null,
  problem text,
  detail text
);
create index outbox_log_by_org on outbox_log (org_id, id desc);
create index outbox_log_by_message on outbox_log (outbox_id, id);
