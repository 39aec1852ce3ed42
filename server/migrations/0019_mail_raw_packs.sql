-- Originals of mail taken from an outside account go into pack files in the blob store, one pack
-- per synchronisation batch, written and synced to disk before the batch's transaction. In the
-- row (0016) every original was written twice more, into the table and the write-ahead log, and
-- on PGlite that was a tenth of the database's work per message (bench/imap-sync.ts).
-- `raw` stays for originals stored that way before; new rows name their pack, the original's
-- offset in it and its size. A pack no row names is removed by the hourly maintenance.
alter table mail_messages add column raw_pack uuid, add column raw_offset bigint, add column raw_size integer;
create index mail_messages_raw_pack on mail_messages (raw_pack) where raw_pack is not null;
