-- Mail from outside accounts arrives in bulk (a first synchronisation takes thousands of
-- messages) and has one owner each. Its search documents get their own GIN index with a pending
-- list (fastupdate), merged in batches as it fills past 1 MB, instead of one index walk per word
-- of every message; searches scan at most that much pending list. Internal mail keeps its index
-- without one (no per-recipient entries waiting in a list).
alter table mail_search add column outside boolean not null default false;
update mail_search x set outside = true from mail_messages m where m.id = x.message_id and m.account_id is not null;
drop index mail_search_gin;
create index mail_search_gin on mail_search using gin (search, owners) with (fastupdate = off) where not outside;
create index mail_search_outside_gin on mail_search using gin (search, owners) with (fastupdate = on, gin_pending_list_limit = 1024) where outside;
