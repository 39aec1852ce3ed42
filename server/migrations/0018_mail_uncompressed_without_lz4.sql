-- Where the server has no lz4 (PGlite), bodies, originals and search documents are stored without
-- compression. PostgreSQL's other method, pglz, compiled to WebAssembly cost PGlite ~0.8 ms of
-- its ~2.8 ms a message in a first synchronisation (bench/imap-sync.ts), and originals are mostly
-- base64 attachments pglz cannot shrink anyway. The price is disk: bodies take their full size.
-- PostgreSQL built with lz4 keeps lz4 (0016). Values stored before stay as they are.
do $$
begin
  if not exists (select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)) then
    alter table mail_messages alter column body_html set storage external;
    alter table mail_messages alter column body_text set storage external;
    alter table mail_messages alter column raw set storage external;
    alter table mail_search alter column search set storage external;
  end if;
end
$$;
