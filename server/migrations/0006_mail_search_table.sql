-- Search documents move to a narrow table whose tsvector lives out of line (TOAST): a word's
-- matches from the GIN index then fetch a few small heap pages instead of the wide message rows.
create table mail_search (
  message_id uuid primary key references mail_messages(id) on delete cascade,
  search tsvector not null
) with (toast_tuple_target = 128);
insert into mail_search (message_id, search) select id, search from mail_messages where search is not null;
create index mail_search_gin on mail_search using gin (search);
drop index mail_messages_search;
alter table mail_messages drop column search;
