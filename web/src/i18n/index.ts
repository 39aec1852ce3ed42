import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { ru } from './ru.ts';
import { pl } from './pl.ts';

export const languages = ['ru', 'en', 'pl'] as const;
export type Lang = (typeof languages)[number];
export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (languages as readonly string[]).includes(v);

const STORAGE_KEY = 'mailroom.language';

/** The language chosen before sign-in (or remembered from the last session), else the browser's. */
export function storedLanguage(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // storage may be unavailable (private mode); fall through to the browser language
  }
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return isLang(browser) ? browser : 'en';
}

export function rememberLanguage(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not fatal: the choice simply is not remembered
  }
}

/** Switches the interface language (and the document's lang attribute). */
export async function applyLanguage(lang: Lang) {
  document.documentElement.lang = lang;
  if (i18n.language !== lang) await i18n.changeLanguage(lang);
}

const initial = storedLanguage();
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, ru: { translation: ru }, pl: { translation: pl } },
  lng: initial,
  fallbackLng: 'en',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

export default i18n;
