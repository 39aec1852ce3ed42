-- No query reads mail_entries_unread: folder counts aggregate each folder's entries through
-- mail_entries_folder, and the unread filter of a folder page walks that index too. It cost
-- ~30 bytes per unread delivery.
drop index if exists mail_entries_unread;
