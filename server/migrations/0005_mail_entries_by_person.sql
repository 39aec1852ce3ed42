-- A person's entries across folders (search). On user_id alone the index deduplicates to a few
-- bytes per entry, so a delivery costs little more to store.
create index mail_entries_user on mail_entries (user_id);
