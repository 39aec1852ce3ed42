-- The sender's copy counts the recipients who have not read the message yet, so Sent can show
-- "not yet read by N" and its bold count without looking at every recipient's row.
alter table mail_entries add column awaiting int;
update mail_entries s set awaiting = (
  select count(*) from mail_entries r where r.message_id = s.message_id and r.role in ('to', 'cc', 'bcc') and r.read_at is null)
 where s.role = 'sender';
create index mail_entries_awaiting on mail_entries (folder_id) where awaiting > 0;
