import type { TFunction } from 'i18next';
import { languages } from '../../i18n/index.ts';

export const roleOptions = (t: TFunction) => [
  { value: 'user', label: t('roles.user') },
  { value: 'administrator', label: t('roles.administrator') },
];

export const languageOptions = (t: TFunction) => languages.map((l) => ({ value: l, label: t(`language.${l}`) }));
