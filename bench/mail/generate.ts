// Generates a large internal-mail data set directly in SQL (the same tables and the same search
// document the server writes), in batches, with progress on stderr. Messages reuse 10,000
// distinct random texts from a ~3,000-word vocabulary in Russian, English and Polish.
import type { Db } from '../../server/src/platform/db/index.ts';
import { note } from '../lib/report.ts';

const en = 'contract invoice budget report meeting schedule delivery warehouse payment approval project quarterly annual review signature customer supplier order shipment audit policy'.split(' ');
const ru = 'договор счёт бюджет отчёт совещание график поставка склад оплата согласование проект квартал годовой проверка подпись клиент поставщик заказ отгрузка аудит'.split(' ');
const pl = 'umowa faktura budżet raport spotkanie harmonogram dostawa magazyn płatność akceptacja projekt kwartalny roczny przegląd podpis klient dostawca zamówienie wysyłka audyt'.split(' ');
/** ~3,000 words: the base vocabulary with numbered variants, so words have realistic frequencies. */
export const vocabulary = [...en, ...ru, ...pl].flatMap((w) => [w, ...Array.from({ length: 49 }, (_, i) => `${w}${i + 1}`)]);

export async function generateMail(db: Db, o: { orgId: string; senderId: string; senderName: string; heavyUser: string; heavyCount: number; others: string[]; total: number }) {
  const batch = 50_000;
  const people = [o.heavyUser, ...o.others];
  await db.query(
    `insert into mail_folders (user_id, role, name) select u, 'inbox', 'Inbox' from unnest($1::uuid[]) u on conflict (user_id, role) where role is not null do nothing`,
    [people],
  );
  // 10,000 distinct subjects and bodies with their search documents, computed once exactly as the
  // server computes them; messages pick from them, so generating a million rows is copying
  await db.query('drop table if exists bench_texts');
  await db.query(
    `create table bench_texts as
     select k, subject, body,
            setweight(to_tsvector('russian', subject), 'A')
         || setweight(to_tsvector('russian', $2::text), 'B')
         || setweight(to_tsvector('russian', body), 'D') as search
       from (select k,
                    (select string_agg(w, ' ') from (select ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int] as w, k from generate_series(1, 3 + (k % 2))) s) as subject,
                    (select string_agg(w, ' ') from (select ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int] as w, k from generate_series(1, 40 + (k % 20))) s) as body
               from generate_series(0, 9999) k) t`,
    [vocabulary, o.senderName],
  );
  for (let done = 0; done < o.total; done += batch) {
    const n = Math.min(batch, o.total - done);
    await db.tx(async (tx) => {
      await tx.query(
        `create temp table gen on commit drop as
         select gen_random_uuid() as id, i, ((($2::bigint + i) * 7919) % 10000)::int as k,
                case when $2::int + i <= $3 then $4::uuid else ($5::uuid[])[1 + ((i * 7919) % array_length($5::uuid[], 1))] end as recipient,
                now() - make_interval(secs => ($6::int - ($2::int + i))) as at
           from generate_series(1, $1::int) i`,
        [n, done, o.heavyCount, o.heavyUser, o.others, o.total],
      );
      await tx.query(
        `insert into mail_messages (id, org_id, thread_id, sender_id, subject, body_html, body_text, importance, to_list, sent_at, created_at)
         select g.id, $1, g.id, $2, t.subject, '<p>' || t.body || '</p>', t.body, case when g.i % 17 = 0 then 'high' else 'normal' end, '[]', g.at, g.at
           from gen g join bench_texts t on t.k = g.k`,
        [o.orgId, o.senderId],
      );
      await tx.query('insert into mail_search (message_id, search, owners, at) select g.id, t.search, array[mail_owner_key(g.recipient)], g.at from gen g join bench_texts t on t.k = g.k');
      await tx.query(
        `insert into mail_entries (user_id, message_id, folder_id, role, seen, delivered_at)
         select g.recipient, g.id, f.id, 'to', g.i % 3 = 0, g.at from gen g join mail_folders f on f.user_id = g.recipient and f.role = 'inbox'`,
      );
    });
    note(`generated ${Math.min(done + batch, o.total).toLocaleString('en')} / ${o.total.toLocaleString('en')} messages`);
  }
  await db.query('drop table bench_texts');
  // a bulk load is followed by autovacuum on PostgreSQL and by the hourly maintenance on PGlite:
  // measure that steady state (visibility map set, GIN pending list merged, statistics fresh)
  for (const t of ['mail_messages', 'mail_search', 'mail_entries']) await db.exec(`vacuum analyze ${t}`);
}
