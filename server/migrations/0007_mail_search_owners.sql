-- Search documents carry their owners: a 32-bit key per person holding an entry of the message.
-- One GIN index over (words, owners) lets a search intersect "has the word" with "is in my
-- mailbox" inside the index, so a common word over a million messages fetches only the person's
-- matches. Keys may collide (two people, one key); the join with the person's entries settles it.
create function mail_owner_key(person uuid) returns int language sql immutable parallel safe
  as $$ select ('x' || left(replace(person::text, '-', ''), 8))::bit(32)::int $$;
alter table mail_search add column owners int[] not null default '{}';
update mail_search s set owners = array(select distinct mail_owner_key(e.user_id) from mail_entries e where e.message_id = s.message_id);
drop index mail_search_gin;
-- fastupdate off: entries go straight into the posting lists, so neither a pending list to scan on
-- every search nor its bytes (a list entry per recipient) build up between vacuums
create index mail_search_gin on mail_search using gin (search, owners) with (fastupdate = off);
