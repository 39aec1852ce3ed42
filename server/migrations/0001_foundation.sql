-- Foundation: organisations, people, sessions, API keys, business objects, events, jobs.

create table orgs (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  created_at timestamptz not null default now()
);

create table server_secrets (
  name text primary key,
  value text not null,
  created_at timestamptz not null default now()
);

create table departments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs(id) on delete cascade,
  parent_id uuid references departments(id) on delete restrict,
  name text not null,
  created_at timestamptz not null default now()
);
create index departments_org_parent on departments (org_id, parent_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs(id) on delete cascade,
  login text not null unique,
  name text not null,
  email text not null unique,
  password_hash text,
  role text not null default 'user' check (role in ('administrator', 'user')),
  language text not null default 'en' check (language in ('ru', 'en', 'pl')),
  time_zone text not null default 'UTC',
  send_key text not null default 'ctrl-enter' check (send_key in ('enter', 'ctrl-enter')),
  department_id uuid references departments(id) on delete set null,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index users_org_name on users (org_id, lower(name), id);
create index users_department on users (department_id);

create table groups (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs(id) on delete cascade,
  name text not null,
  created_at timestamptz not null default now()
);
create index groups_org on groups (org_id, lower(name));

create table group_members (
  group_id uuid not null references groups(id) on delete cascade,
  user_id uuid not null references users(id) on delete cascade,
  primary key (group_id, user_id)
);
create index group_members_user on group_members (user_id);

create table sessions (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references users(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);
create index sessions_expires on sessions (expires_at);

create table login_failures (
  id bigserial primary key,
  login text not null,
  ip text not null,
  at timestamptz not null default now()
);
create index login_failures_login on login_failures (login, at);
create index login_failures_ip on login_failures (ip, at);

create table api_keys (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs(id) on delete cascade,
  name text not null,
  prefix text not null,
  key_hash text not null unique,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_keys_org on api_keys (org_id);

create table objects (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references orgs(id) on delete cascade,
  type text not null,
  external_id text not null,
  title text not null,
  url text,
  access_mode text not null check (access_mode in ('list', 'callback')),
  callback_url text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, type, external_id)
);

create table object_grants (
  object_id uuid not null references objects(id) on delete cascade,
  principal_kind text not null check (principal_kind in ('user', 'group', 'department')),
  principal_id uuid not null,
  primary key (object_id, principal_kind, principal_id)
);
create index object_grants_principal on object_grants (principal_kind, principal_id);

create table events (
  id bigserial primary key,
  org_id uuid not null,
  type text not null,
  payload jsonb not null,
  user_ids uuid[] not null,
  created_at timestamptz not null default now()
);
create index events_user_ids on events using gin (user_ids);
create index events_created on events (created_at);

create table event_horizon (
  id int primary key default 1 check (id = 1),
  pruned_through bigint not null default 0
);
insert into event_horizon (id, pruned_through) values (1, 0);

create table jobs (
  id bigserial primary key,
  queue text not null,
  payload jsonb not null default '{}',
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  run_at timestamptz not null default now(),
  attempts int not null default 0,
  max_attempts int not null default 5,
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index jobs_due on jobs (queue, run_at) where status in ('queued', 'running');
