import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusMessage } from '../../bench/lib/messages.ts';
import { parseMime } from '../src/modules/mail/mime.ts';
import { buildSearchDocs, parseTsvector, type DocParts } from '../src/modules/mail/search-doc.ts';
import { openTestDb, type TestDb } from './harness/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(() => t.drop());

/** The document PostgreSQL itself makes of the same parts (as `refreshSearch` does). */
async function sqlDoc(d: DocParts) {
  const { rows } = await t.db.query<{ v: string }>(
    `select (setweight(to_tsvector('russian', $1), 'A') || setweight(to_tsvector('russian', $2 || ' ' || $3), 'B')
          || setweight(to_tsvector('russian', $4), 'D'))::text as v`,
    [d.subject, d.from, d.fileNames.map((n) => n.replace(/[._-]+/g, ' ')).join(' '), d.body],
  );
  return rows[0].v;
}
const lexemes = (v: string) => [...new Set(parseTsvector(v).map(([l]) => l))].sort();

const TRICKY: DocParts[] = [
  {
    subject: 'Re: Согласование договора поставки №15/2026',
    from: 'Иван Петров ivan.petrov@example.org',
    fileNames: ['Договор_поставки-v2.final.pdf', "O'Neil's notes.txt"],
    body: `Добрый день! Прошу согласовать договоры поставок до пятницы.
      The contracts were delivered; see https://intranet.example.org/docs/42?x=1 and e-mail co-operation.
      Zażółć gęślą jaźń: faktury VAT za październik, umowy dostawy. it's a \\back\\slash 'quoted' ''twice''
      3.14 1,000 2026-11-24 v1.2.3 <b>tag</b> x@y.z — … «кавычки» "quotes" the and и в на`,
  },
  { subject: '', from: ' ', fileNames: [], body: '' },
  { subject: 'only stop words', from: 'the of and', fileNames: ['a.b'], body: 'и в на не the a of' },
];

describe('search documents built in the application', () => {
  it('hold the very lexemes PostgreSQL makes of the same text, for tricky text and for the synchronisation corpus', async () => {
    const corpus: DocParts[] = [];
    for (let i = 1; i <= 40; i++) {
      const p = await parseMime(corpusMessage(i));
      corpus.push({ subject: p.subject, from: `${p.from?.name ?? ''} ${p.from?.email ?? ''}`, fileNames: p.attachments.map((a) => a.filename), body: p.text });
    }
    const all = [...TRICKY, ...corpus];
    // twice: the second time every chunk comes from the cache
    for (const round of [1, 2]) {
      const docs = await buildSearchDocs(t.db, all);
      for (let i = 0; i < all.length; i++) {
        const ours = (await t.db.query<{ v: string }>('select $1::tsvector::text as v', [docs[i]])).rows[0].v;
        expect(lexemes(ours), `document ${i}, round ${round}`).toEqual(lexemes(await sqlDoc(all[i])));
      }
    }
  });

  it('read the same in the binary form the database is sent, weights and positions included, lexemes in its order', async () => {
    const texts = await buildSearchDocs(t.db, TRICKY);
    const binaries = await buildSearchDocs(t.db, TRICKY, true);
    for (let i = 0; i < TRICKY.length; i++) {
      const b = binaries[i] as Buffer;
      expect(Buffer.isBuffer(b)).toBe(true);
      const { rows } = await t.db.query<{ a: string; b: string }>('select $1::tsvector::text as a, $2::tsvector::text as b', [texts[i], b]);
      expect(rows[0].b, `document ${i}`).toBe(rows[0].a);
      // the lexemes as sent: ascending by their bytes, as PostgreSQL keeps them (so it need not sort them)
      const sent: Buffer[] = [];
      for (let at = 4, n = b.readInt32BE(0); n > 0; n--) {
        const end = b.indexOf(0, at);
        sent.push(b.subarray(at, end));
        at = end + 3 + 2 * b.readUInt16BE(end + 1);
      }
      expect(sent.length, `document ${i}`).toBe(b.readInt32BE(0));
      for (let k = 1; k < sent.length; k++) expect(Buffer.compare(sent[k - 1], sent[k]), `document ${i}: ${sent[k - 1]} before ${sent[k]}`).toBe(-1);
    }
  });

  it('come out whole when a message fills the reused scratch space exactly (16,384 lexemes, each once)', async () => {
    // consonants only (no 's'): the English stemmer leaves such a word alone, so the message has
    // exactly 16,384 occurrences of 16,384 lexemes
    const letters = 'bcdfghjklmnpqrtvwxz';
    const word = (i: number) => `q${[0, 1, 2, 3].map((d) => letters[Math.floor(i / letters.length ** d) % letters.length]).join('')}`;
    const big: DocParts = { subject: '', from: '', fileNames: [], body: Array.from({ length: 16_384 }, (_, i) => word(i)).join(' ') };
    const [text] = await buildSearchDocs(t.db, [big]);
    const [binary] = await buildSearchDocs(t.db, [big], true);
    const { rows } = await t.db.query<{ a: string; b: string; n: number }>('select $1::tsvector::text as a, $2::tsvector::text as b, length($2::tsvector) as n', [text, binary]);
    expect(rows[0].n).toBe(16_384);
    expect(rows[0].b).toBe(rows[0].a);
    expect(lexemes(rows[0].a)).toEqual(lexemes(await sqlDoc(big)));
  });

  it("answer word, stem, phrase and negated searches as PostgreSQL's own document does", async () => {
    const [doc] = await buildSearchDocs(t.db, [TRICKY[0]]);
    const sql = await sqlDoc(TRICKY[0]);
    const queries = [
      'договор', 'договоров поставка', '"договоры поставок"', '"поставок договоры"', 'contract delivered', '"e-mail co-operation"',
      'faktury', 'faktura', '"umowy dostawy"', 'ivan.petrov@example.org', 'intranet.example.org', 'петров -иван', 'петров -сидоров',
      "O'Neil", 'notes', 'v2', 'октябрь', 'quotes кавычки', '"Zażółć gęślą jaźń"', '"jaźń gęślą"',
    ];
    for (const q of queries) {
      const { rows } = await t.db.query<{ ours: boolean; theirs: boolean }>(
        `select $1::tsvector @@ (websearch_to_tsquery('russian', $3)) as ours,
                $2::tsvector @@ (websearch_to_tsquery('russian', $3)) as theirs`,
        [doc, sql, q],
      );
      expect(rows[0].ours, q).toBe(rows[0].theirs);
    }
    // and the answers are not all the same
    const answers = await Promise.all(
      queries.map(async (q) => (await t.db.query<{ m: boolean }>(`select $1::tsvector @@ websearch_to_tsquery('russian', $2) as m`, [doc, q])).rows[0].m),
    );
    expect(answers.filter(Boolean).length).toBeGreaterThan(8);
    expect(answers.filter((a) => !a).length).toBeGreaterThan(3);
  });

  it('keep the weights: subject A, sender and file names B, body D', async () => {
    const [doc] = await buildSearchDocs(t.db, [{ subject: 'Квартальный отчёт', from: 'Anna Kowalska', fileNames: ['budget.xlsx'], body: 'numbers inside' }]);
    const { rows } = await t.db.query<{ a: boolean; b: boolean; d: boolean; notA: boolean }>(
      `select $1::tsvector @@ 'отчет:A'::tsquery as a, $1::tsvector @@ 'kowalska:B & budget:B'::tsquery as b,
              $1::tsvector @@ 'number:D'::tsquery as d, $1::tsvector @@ 'number:A'::tsquery as "notA"`,
      [doc],
    );
    expect(rows[0]).toEqual({ a: true, b: true, d: true, notA: false });
  });
});
