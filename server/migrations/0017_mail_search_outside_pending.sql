-- A first synchronisation writes thousands of search documents at once. The outside-mail index's
-- pending list was merged every 1 MB, and those merges were most of the database's work per
-- message (bench/imap-sync.ts: 1.96 ms of PostgreSQL CPU a message at 1 MB, 1.40 ms at 16 MB).
-- The list now takes 16 MB, and a synchronisation pass that took mail merges what is left at its
-- end (`flushOutsideSearch`), so searches do not read through a long list after a bulk load.
alter index mail_search_outside_gin set (gin_pending_list_limit = 16384);
