-- OAuth2 sign-in for outside mailboxes (authorization code with PKCE; XOAUTH2 for IMAP and SMTP).
-- An organisation registers its OAuth client per provider preset; the client secret is sealed
-- like account secrets (bound to mail_oauth_clients:<org>:<preset>), never returned.
create table mail_oauth_clients (
  org_id uuid not null references orgs(id) on delete cascade,
  preset_id text not null,
  authorize_url text not null,
  token_url text not null,
  client_id text not null,
  client_secret bytea,
  scope text not null,
  primary key (org_id, preset_id)
);

-- A sign-in under way: the browser went to the provider with `state`; the PKCE verifier (sealed)
-- and the settings wait here until the provider sends the browser back, for ten minutes at most.
create table mail_oauth_flows (
  state text primary key,
  org_id uuid not null references orgs(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  account_id uuid references mail_accounts(id) on delete cascade,
  preset_id text not null,
  verifier bytea not null,
  settings jsonb not null,
  expires_at timestamptz not null
);
create index mail_oauth_flows_expiry on mail_oauth_flows (expires_at);
