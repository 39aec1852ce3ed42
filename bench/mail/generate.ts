// Generates a large internal-mail data set directly in SQL (the same tables and the same search
// document the server writes), in batches, with progress on stderr.
import type { Db } from '../../server/src/platform/db/index.ts';
import { note } from '../lib/report.ts';

const en = 'contract invoice budget report meeting schedule delivery warehouse payment approval project quarterly annual review signature customer supplier order shipment audit policy'.split(' ');
const ru = 'договор счёт бюджет отчёт совещание график поставка склад оплата согласование проект квартал годовой проверка подпись клиент поставщик заказ отгрузка аудит'.split(' ');
const pl = 'umowa faktura budżet raport spotkanie harmonogram dostawa magazyn płatność akceptacja projekt kwartalny roczny przegląd podpis klient dostawca zamówienie wysyłka audyt'.split(' ');
/** ~3,000 words: the base vocabulary with numbered variants, so words have realistic frequencies. */
export const vocabulary = [...en, ...ru, ...pl].flatMap((w) => [w, ...Array.from({ length: 49 }, (_, i) => `${w}${i + 1}`)]);

const SEARCH = (subject: string, body: string, sender: string) => `
  setweight(to_tsvector('russian', ${subject}) || to_tsvector('english', ${subject}) || to_tsvector('simple', ${subject}), 'A')
  || setweight(to_tsvector('simple', ${sender}), 'B')
  || setweight(to_tsvector('russian', ${body}) || to_tsvector('english', ${body}) || to_tsvector('simple', ${body}), 'D')`;

/**
 * `total` messages from `senderId`, each to one recipient: the first `heavyCount` to `heavyUser`,
 * the rest spread over `others`. Each gets an Inbox entry; the body is stored once as always.
 */
export async function generateMail(db: Db, o: { orgId: string; senderId: string; senderName: string; heavyUser: string; heavyCount: number; others: string[]; total: number }) {
  const batch = 50_000;
  const people = [o.heavyUser, ...o.others];
  await db.query(
    `insert into mail_folders (user_id, role, name) select u, 'inbox', 'Inbox' from unnest($1::uuid[]) u on conflict (user_id, role) where role is not null do nothing`,
    [people],
  );
  for (let done = 0; done < o.total; done += batch) {
    const n = Math.min(batch, o.total - done);
    await db.tx(async (tx) => {
      await tx.query(
        `create temp table gen on commit drop as
         select gen_random_uuid() as id, i,
                case when $3::int + i <= $4 then $5::uuid else ($6::uuid[])[1 + ((i * 7919) % array_length($6::uuid[], 1))] end as recipient,
                (select string_agg(w, ' ') from (select ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int] as w from generate_series(1, 3 + (i % 2))) s) as subject,
                (select string_agg(w, ' ') from (select ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int] as w from generate_series(1, 40 + (i % 20))) s) as body,
                now() - make_interval(secs => ($7::int - ($3::int + i))) as at
           from generate_series(1, $1::int) i`,
        [n, vocabulary, done, o.heavyCount, o.heavyUser, o.others, o.total],
      );
      await tx.query(
        `insert into mail_messages (id, org_id, thread_id, sender_id, subject, body_html, body_text, importance, to_list, sent_at, created_at, search)
         select g.id, $1, g.id, $2, g.subject, '<p>' || g.body || '</p>', g.body, case when g.i % 17 = 0 then 'high' else 'normal' end, '[]', g.at, g.at,
                ${SEARCH('g.subject', 'g.body', '$3::text')}
           from gen g`,
        [o.orgId, o.senderId, o.senderName],
      );
      await tx.query(
        `insert into mail_entries (user_id, message_id, folder_id, role, seen, delivered_at)
         select g.recipient, g.id, f.id, 'to', g.i % 3 = 0, g.at from gen g join mail_folders f on f.user_id = g.recipient and f.role = 'inbox'`,
      );
    });
    note(`generated ${Math.min(done + batch, o.total).toLocaleString('en')} / ${o.total.toLocaleString('en')} messages`);
  }
  await db.query('analyze mail_messages');
  await db.query('analyze mail_entries');
}
