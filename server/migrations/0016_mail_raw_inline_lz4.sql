-- A first synchronisation of an outside account stores hundreds of megabytes of mail at once.
-- Originals of moderate size are kept in the message row (`raw`, with `raw_sha256` as before)
-- instead of one file each in the blob store: a file, its folder and a sync to disk per message
-- cost more than the rest of storing it, and the row is made durable with its transaction.
alter table mail_messages add column raw bytea;
-- Bodies, originals and search documents are compressed with lz4 where the server has it:
-- PostgreSQL's own pglz compression of every body and document was a large part of that work,
-- lz4 is several times faster both ways for a little more disk. Only new values are written
-- this way. PGlite has no lz4 and keeps pglz.
do $$
begin
  if exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
    alter table mail_messages alter column body_html set compression lz4;
    alter table mail_messages alter column body_text set compression lz4;
    alter table mail_messages alter column raw set compression lz4;
    alter table mail_search alter column search set compression lz4;
  end if;
end
$$;
