-- A message tied to a business object of the host application (a contract, a task): kept when
-- the outside account it came from is removed, found from the object.
create table mail_object_links (
  message_id uuid not null references mail_messages(id) on delete cascade,
  object_id uuid not null references objects(id) on delete cascade,
  linked_by uuid references users(id) on delete set null,
  linked_at timestamptz not null default now(),
  primary key (message_id, object_id)
);
create index mail_object_links_object on mail_object_links (object_id);
