-- Internal mail: a message is stored once; each person's copy of it is a small entry row.

create table mail_messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs(id) on delete cascade,
  thread_id uuid not null,
  in_reply_to uuid references mail_messages(id) on delete set null,
  sender_id uuid not null references users(id) on delete cascade,
  subject text not null default '',
  body_html text not null default '',
  body_text text not null default '',
  importance text not null default 'normal' check (importance in ('normal', 'high')),
  -- what every recipient sees: [{kind, id, name}] for to and cc; bcc only in the sender's view
  to_list jsonb not null default '[]',
  cc_list jsonb not null default '[]',
  bcc_list jsonb not null default '[]',
  -- the expansion of groups and departments at send time: [{kind, id, name, userIds}]
  expansion jsonb not null default '[]',
  is_draft boolean not null default false,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index mail_messages_thread on mail_messages (thread_id, sent_at);

create table mail_folders (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users(id) on delete cascade,
  parent_id uuid references mail_folders(id) on delete cascade,
  role text check (role in ('inbox', 'sent', 'drafts', 'trash', 'archive')),
  name text not null,
  created_at timestamptz not null default now()
);
create unique index mail_folders_role on mail_folders (user_id, role) where role is not null;
create index mail_folders_user on mail_folders (user_id, parent_id);

-- One message in one person's mailbox. role: sender | to | cc | bcc (the delivery) | copy (a user's copy).
create table mail_entries (
  id bigserial primary key,
  user_id uuid not null references users(id) on delete cascade,
  message_id uuid not null references mail_messages(id) on delete cascade,
  folder_id uuid not null references mail_folders(id) on delete cascade,
  role text not null check (role in ('sender', 'to', 'cc', 'bcc', 'copy')),
  seen boolean not null default false,
  flagged boolean not null default false,
  delivered_at timestamptz not null default now(),
  read_at timestamptz,
  -- the folder an entry came from before Trash, to restore it
  trashed_from uuid references mail_folders(id) on delete set null,
  trashed_at timestamptz
);
create index mail_entries_folder on mail_entries (folder_id, delivered_at desc, id desc);
create index mail_entries_message on mail_entries (message_id);
create index mail_entries_unread on mail_entries (folder_id) where not seen;
