-- The newest delivery of each searchable message (the latest delivered_at of its entries), so a
-- search can take the word's newest matches first and look up entries only for them.
alter table mail_search add column at timestamptz;
update mail_search x set at = coalesce((select max(e.delivered_at) from mail_entries e where e.message_id = x.message_id), 'epoch');
alter table mail_search alter column at set not null;
