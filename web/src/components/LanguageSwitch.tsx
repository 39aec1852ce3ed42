import { Box, Button, Menu } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client.ts';
import { useSessionQuery, useSetMe } from '../api/session.ts';
import { applyLanguage, isLang, languages, rememberLanguage, type Lang } from '../i18n/index.ts';
import { CheckIcon, ChevronDownIcon, GlobeIcon } from './Icons.tsx';

/**
 * Русский / English / Polski. Before sign-in the choice is kept in the browser;
 * after sign-in it is the user's setting on the server.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const session = useSessionQuery().data;
  const setMe = useSetMe();
  const current: Lang = isLang(i18n.language) ? i18n.language : 'en';

  const save = useMutation({
    mutationFn: (language: Lang) => client.settings.update({ language }),
    onSuccess: (s) => setMe(s),
    onError: () => {
      // The server kept the old language: show that one again.
      const back = session?.user.language;
      if (back) void applyLanguage(back);
    },
  });

  const choose = (lang: Lang) => {
    rememberLanguage(lang);
    void applyLanguage(lang);
    if (session) save.mutate(lang);
  };

  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          leftSection={<GlobeIcon />}
          rightSection={<ChevronDownIcon size={14} />}
          aria-label={t('language.label')}
          data-testid="lang-switch"
          loading={save.isPending}
        >
          <Box component="span" lang={current} visibleFrom="sm">
            {t(`language.${current}`)}
          </Box>
          <Box component="span" hiddenFrom="sm" tt="uppercase">
            {current}
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {languages.map((lang) => (
          <Menu.Item
            key={lang}
            lang={lang}
            onClick={() => choose(lang)}
            data-testid={`lang-${lang}`}
            rightSection={lang === current ? <CheckIcon size={14} /> : null}
          >
            {t(`language.${lang}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
