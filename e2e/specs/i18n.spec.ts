import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '@mailroom/contract';
import { en } from '../../web/src/i18n/en.ts';
import { ru } from '../../web/src/i18n/ru.ts';
import { pl } from '../../web/src/i18n/pl.ts';

type Tree = { [k: string]: string | Tree };

function flat(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flat(v, key)) out.set(kk, vv);
  }
  return out;
}

const dictionaries = { en: flat(en), ru: flat(ru), pl: flat(pl) };
const variables = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('web client dictionaries', () => {
  it('ru, en and pl have identical key sets', () => {
    const enKeys = [...dictionaries.en.keys()].sort();
    expect([...dictionaries.ru.keys()].sort()).toEqual(enKeys);
    expect([...dictionaries.pl.keys()].sort()).toEqual(enKeys);
    expect(enKeys.length).toBeGreaterThan(100);
  });

  it('no translation is empty and every one uses the same {{variables}} as the English', () => {
    for (const [lang, dict] of Object.entries(dictionaries)) {
      for (const [key, text] of dict) {
        expect(text.trim(), `${lang}:${key}`).not.toBe('');
        expect(variables(text), `${lang}:${key}`).toEqual(variables(dictionaries.en.get(key)!));
      }
    }
  });

  it('every error code of the contract, and NETWORK, has a message', () => {
    const codes = [...Object.keys(errorCatalogue), 'NETWORK'];
    for (const [lang, dict] of Object.entries(dictionaries)) {
      for (const code of codes) expect(dict.has(`errors.${code}`), `${lang}: errors.${code}`).toBe(true);
    }
  });

  it('Russian and Polish are really translated, not copies of the English', () => {
    for (const lang of ['ru', 'pl'] as const) {
      const same = [...dictionaries[lang]].filter(([k, v]) => v === dictionaries.en.get(k) && !/^(language|app\.name)/.test(k));
      // Only names and key labels may coincide (e.g. "Enter", "Login", "Administrator").
      expect(same.length, `${lang} identical to en: ${same.map(([k]) => k).join(', ')}`).toBeLessThan(12);
    }
  });
});
