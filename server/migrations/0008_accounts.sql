-- External mail accounts (IMAP or POP3 with SMTP). Secrets are sealed with AES-256-GCM under the
-- server key (never stored in the database) and bound to their row; the API never returns them.
create table mail_accounts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs(id) on delete cascade,
  -- the owner of a personal account; a shared account has none and lists its responsible people
  user_id uuid references users(id) on delete cascade,
  name text not null,
  email text not null,
  display_name text,
  preset text not null default 'other',
  protocol text not null check (protocol in ('imap', 'pop3')),
  in_host text not null,
  in_port int not null,
  in_security text not null check (in_security in ('tls', 'starttls', 'none')),
  smtp_host text not null,
  smtp_port int not null,
  smtp_security text not null check (smtp_security in ('tls', 'starttls', 'none')),
  login text not null,
  auth text not null default 'password' check (auth in ('password', 'oauth2')),
  secret bytea,
  mode text not null default 'full' check (mode in ('full', 'light')),
  initial_count int not null default 50,
  leave_on_server_days int,
  signatures jsonb not null default '{}',
  status text not null default 'new' check (status in ('new', 'syncing', 'ready', 'error', 'disabled')),
  problem text,
  detail text,
  progress_done int not null default 0,
  progress_total int not null default 0,
  last_sync_at timestamptz,
  created_at timestamptz not null default now()
);
create index mail_accounts_user on mail_accounts (user_id);

create table mail_account_users (
  account_id uuid not null references mail_accounts(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  primary key (account_id, user_id)
);

-- Organisation presets beside the built-in ones.
create table mail_presets (
  org_id uuid not null references orgs(id) on delete cascade,
  id text not null,
  body jsonb not null,
  primary key (org_id, id)
);

-- A person's folder can mirror a folder of an account's server.
alter table mail_folders add column account_id uuid references mail_accounts(id) on delete cascade;
create index mail_folders_account on mail_folders (account_id) where account_id is not null;

-- The state of a mirrored folder: UIDVALIDITY, the newest UID taken, and where the backfill of
-- older mail stands (null once everything below has been taken).
create table mail_remote_folders (
  folder_id uuid primary key references mail_folders(id) on delete cascade,
  account_id uuid not null references mail_accounts(id) on delete cascade,
  path text not null,
  delimiter text,
  special_use text,
  uidvalidity bigint,
  top_uid bigint not null default 0,
  backfill_below bigint
);
-- one row per path in each mailbox the account fills (a shared account fills several)
create index mail_remote_folders_path on mail_remote_folders (account_id, path);

-- Which server message (folder, UID; or POP3 UIDL) each imported entry came from.
create table mail_remote_messages (
  entry_id bigint primary key references mail_entries(id) on delete cascade,
  account_id uuid not null references mail_accounts(id) on delete cascade,
  folder_id uuid references mail_folders(id) on delete cascade,
  uid bigint,
  uidl text,
  -- the flags last agreed with the server, to tell whose side changed
  seen boolean not null default false,
  flagged boolean not null default false,
  header_id text,
  fetched_at timestamptz not null default now()
);
create unique index mail_remote_messages_uid on mail_remote_messages (folder_id, uid) where uid is not null;
create unique index mail_remote_messages_uidl on mail_remote_messages (account_id, uidl) where uidl is not null;

-- Changes made in Mailroom that the server has still to learn (flags, moves, deletions).
create table mail_remote_changes (
  id bigserial primary key,
  account_id uuid not null references mail_accounts(id) on delete cascade,
  entry_id bigint,
  kind text not null check (kind in ('flags', 'move', 'delete')),
  folder_id uuid,
  uid bigint,
  created_at timestamptz not null default now()
);
create index mail_remote_changes_account on mail_remote_changes (account_id, id);

-- External messages: who wrote them, the raw original (kept whatever the parser made of it).
alter table mail_messages add column account_id uuid references mail_accounts(id) on delete cascade;
alter table mail_messages add column from_name text;
alter table mail_messages add column from_address text;
alter table mail_messages add column raw_sha256 text;
alter table mail_messages add column header_message_id text;
alter table mail_messages add column parse_problem text;
alter table mail_messages add column remote_images boolean not null default false;

-- Senders whose remote images a person always allows.
create table mail_image_senders (
  user_id uuid not null references users(id) on delete cascade,
  address text not null,
  primary key (user_id, address)
);

-- One synchroniser at a time per account (a lease), and a request flag that makes it go round again.
alter table mail_accounts add column sync_by text;
alter table mail_accounts add column sync_until timestamptz;
alter table mail_accounts add column sync_wanted timestamptz;
alter table mail_accounts add column watch_by text;
alter table mail_accounts add column watch_until timestamptz;
alter table mail_accounts add column last_try_at timestamptz;

-- What a mirrored folder is on its server (inbox, sent, trash, drafts, junk, archive): deleting
-- an account's message moves it to that account's Trash, as a mail program would.
alter table mail_folders add column account_role text;

-- Asks for a synchronisation of an account: marks it wanted and queues one job unless one waits.
create function mail_request_sync(account uuid) returns void language plpgsql as $$
begin
  update mail_accounts set sync_wanted = now() where id = account;
  insert into jobs (queue, payload)
    select 'account.sync', jsonb_build_object('accountId', account)
     where not exists (select 1 from jobs where queue = 'account.sync' and status = 'queued' and run_at <= now() and payload->>'accountId' = account::text);
  perform pg_notify('mailroom_jobs', 'account.sync');
end $$;

-- Every change to a mirrored entry (flags, folder, deletion), whichever command made it, is
-- written down for the server, except the synchroniser's own (it sets mailroom.sync = on).
create function mail_entries_remote_change() returns trigger language plpgsql as $$
declare r record;
begin
  if current_setting('mailroom.sync', true) = 'on' then return coalesce(new, old); end if;
  select account_id, folder_id, uid into r from mail_remote_messages where entry_id = old.id;
  if not found or r.uid is null then return coalesce(new, old); end if;
  if tg_op = 'DELETE' then
    insert into mail_remote_changes (account_id, entry_id, kind, folder_id, uid) values (r.account_id, old.id, 'delete', r.folder_id, r.uid);
  elsif new.folder_id <> old.folder_id then
    insert into mail_remote_changes (account_id, entry_id, kind, folder_id, uid) values (r.account_id, old.id, 'move', r.folder_id, r.uid);
  elsif new.seen <> old.seen or new.flagged <> old.flagged then
    insert into mail_remote_changes (account_id, entry_id, kind, folder_id, uid) values (r.account_id, old.id, 'flags', r.folder_id, r.uid);
  else
    return coalesce(new, old);
  end if;
  perform mail_request_sync(r.account_id);
  return coalesce(new, old);
end $$;
create trigger mail_entries_remote before update of seen, flagged, folder_id or delete on mail_entries
  for each row execute function mail_entries_remote_change();
