import { describe, expect, it } from 'vitest';
import { ChunkTable, eachChunk, hashOf } from '../src/modules/mail/chunk-table.ts';

const chunks = (text: string) => {
  const out: string[] = [];
  eachChunk(text, (start, end, hash) => {
    expect(hash).toBe(hashOf(text, start, end));
    out.push(text.slice(start, end));
  });
  return out;
};

describe('chunks of a text', () => {
  it('are what splitting on \\s gives, for every kind of white space', () => {
    // every code unit that \s matches, and some that look like space but are not
    const spaces = [...Array(0x10000).keys()].map((c) => String.fromCharCode(c)).filter((c) => /\s/.test(c));
    expect(spaces.length).toBeGreaterThan(20);
    const texts = [
      '', ' ', 'one', '  two  words ', 'tab\tnew\nline\r\nend',
      ...spaces.map((s) => `left${s}right${s}${s}tail`),
      'no\u200bbreak zero\u00adwidth', 'emoji 😀 and\u00a0nbsp', 'Отчёт  за\u3000ноябрь', '\u0000control\u001fchars\u007f',
    ];
    for (const t of texts) expect(chunks(t), JSON.stringify(t)).toEqual(t.split(/\s+/).filter(Boolean));
  });
});

describe('ChunkTable', () => {
  it('finds a chunk inside a text by its hash, and grows past its first size', () => {
    const table = new ChunkTable<number>();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}ę`);
    words.forEach((w, i) => table.set(w, i));
    table.set(words[5], -1); // kept once: the first value stays
    expect(table.size).toBe(words.length);
    const text = ` ${words.join('  ')} unknown w0`;
    const found: (number | undefined)[] = [];
    eachChunk(text, (start, end, hash) => found.push(table.find(text, start, end, hash)));
    expect(found).toEqual([...words.map((_, i) => i), undefined, undefined]);
    const get = (key: string) => table.find(key, 0, key.length, hashOf(key, 0, key.length));
    expect(get('w0ę')).toBe(0);
    expect(get('w0')).toBeUndefined();
  });
});
