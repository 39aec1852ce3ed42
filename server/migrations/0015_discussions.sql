-- Discussions (PRODUCT.md section 9, the 1C Collaboration System): contextual (one per business
-- object, seen by whoever may see the object), group (members chosen by the creator) and direct
-- (one per pair of people).

create table discussions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs(id) on delete cascade,
  kind text not null check (kind in ('object', 'group', 'direct')),
  -- contextual: the business object it is about (objects.id); its access decides who sees it
  object_id uuid references objects(id) on delete cascade,
  -- direct: the two people, lower id first, so a pair has one dialog
  direct_key text,
  title text not null default '',
  title_edited_at timestamptz,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  -- the sequence number of its newest message (messages are numbered per discussion)
  last_seq bigint not null default 0,
  last_message_at timestamptz
);
create unique index discussions_object on discussions (object_id) where object_id is not null;
create unique index discussions_direct on discussions (org_id, direct_key) where direct_key is not null;

-- Members of group and direct discussions (a contextual one has none: the object decides).
create table discussion_members (
  discussion_id uuid not null references discussions(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'member')),
  added_at timestamptz not null default now(),
  primary key (discussion_id, user_id)
);
create index discussion_members_user on discussion_members (user_id);

-- A person's own state of a discussion: read up to, pinned, muted. A contextual discussion is in
-- a person's list once they have a state row (opened it, wrote in it, were mentioned).
create table discussion_states (
  discussion_id uuid not null references discussions(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  read_seq bigint not null default 0,
  pinned boolean not null default false,
  muted boolean not null default false,
  primary key (discussion_id, user_id)
);
create index discussion_states_user on discussion_states (user_id);

create table discussion_messages (
  id bigserial primary key,
  discussion_id uuid not null references discussions(id) on delete cascade,
  seq bigint not null,
  author_id uuid references users(id) on delete set null,
  -- the sender's own id for the message: a resend (offline queue, reload) is the same message
  client_id text not null,
  body text not null,
  reply_to bigint references discussion_messages(id) on delete set null,
  mentions uuid[] not null default '{}',
  -- [{sha256, filename, contentType, size}] in the blob store
  files jsonb not null default '[]',
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  search tsvector
);
create unique index discussion_messages_seq on discussion_messages (discussion_id, seq);
create unique index discussion_messages_client on discussion_messages (author_id, client_id);
create index discussion_messages_search on discussion_messages using gin (search);

create table discussion_reactions (
  message_id bigint not null references discussion_messages(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  emoji text not null,
  created_at timestamptz not null default now(),
  primary key (message_id, user_id, emoji)
);

-- Presence a person set (available, away, do not disturb); offline is having no socket. Away is
-- also set by the client after inactivity (setting away_minutes).
create table presence (
  user_id uuid primary key references users(id) on delete cascade,
  status text not null default 'available' check (status in ('available', 'away', 'dnd')),
  away_minutes int not null default 10,
  sound boolean not null default true,
  updated_at timestamptz not null default now(),
  -- the last time a process saw a socket of the person (refreshed every 30 s; null once the last one closed)
  seen_at timestamptz
);

-- Administrator limits on files in discussions.
create table discussion_settings (
  org_id uuid primary key references orgs(id) on delete cascade,
  files_enabled boolean not null default true,
  max_file_bytes bigint not null default 26214400,
  allowed_types text[] not null default '{}'
);
