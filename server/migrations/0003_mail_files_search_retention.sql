-- Internal mail: attachments (stored once in the blob store), uploads, full-text search,
-- per-person poll interval, legal holds and the record of messages that expired unread.

create table mail_uploads (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  sha256 text not null,
  size bigint not null,
  filename text not null,
  content_type text not null,
  created_at timestamptz not null default now()
);
create index mail_uploads_user on mail_uploads (user_id, created_at);

create table mail_attachments (
  id uuid primary key default gen_random_uuid(),
  message_id uuid not null references mail_messages(id) on delete cascade,
  sha256 text not null,
  size bigint not null,
  filename text not null,
  content_type text not null,
  position int not null
);
create index mail_attachments_message on mail_attachments (message_id, position);
create index mail_attachments_sha on mail_attachments (sha256);

alter table mail_messages add column has_attachments boolean not null default false;
alter table mail_messages add column search tsvector;
create index mail_messages_search on mail_messages using gin (search);
-- notes from the system (e.g. "expired unread") have no sender
alter table mail_messages alter column sender_id drop not null;

create table mail_settings (
  user_id uuid primary key references users(id) on delete cascade,
  poll_seconds int
);

create table mail_holds (
  user_id uuid primary key references users(id) on delete cascade,
  set_by uuid references users(id) on delete set null,
  set_at timestamptz not null default now()
);

create table mail_expired (
  message_id uuid not null references mail_messages(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  role text not null,
  delivered_at timestamptz not null,
  expired_at timestamptz not null,
  primary key (message_id, user_id)
);

create index mail_entries_unread_age on mail_entries (delivered_at) where not seen and read_at is null and role in ('to', 'cc', 'bcc');
create index mail_entries_trashed on mail_entries (trashed_at) where trashed_at is not null;
