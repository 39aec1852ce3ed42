import { Suspense, useEffect } from 'react';
import { AppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/session.ts';
import { useDiscussionRuntime } from '../api/useDiscussionRuntime.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Loading } from '../components/Loading.tsx';
import { Logo } from '../components/Logo.tsx';
import { NotFound } from '../pages/NotFound.tsx';
import { MailAlerts } from '../pages/mail/MailAlerts.tsx';
import { useMailPolling } from '../pages/mail/useMailPolling.ts';
import { Nav } from './Nav.tsx';
import { UserMenu } from './UserMenu.tsx';
import { navigate, usePath } from './router.ts';
import { HOME, routes } from './routes.tsx';

/** The application frame: header, navigation (behind a burger on phones) and the current page. */
export function Frame() {
  const { t } = useTranslation();
  const me = useMe();
  const path = usePath();
  const [opened, { toggle, close }] = useDisclosure(false);
  useMailPolling();
  useDiscussionRuntime(me.id);

  useEffect(() => {
    if (path === '/' || path === '') navigate(HOME, { replace: true });
  }, [path]);

  const route = routes.find((r) => (r.path === path || (r.prefix && path.startsWith(`${r.path}/`))) && (!r.admin || me.role === 'administrator'));
  const Page = route?.page ?? NotFound;

  useEffect(() => {
    document.title = route ? `${t(route.title)} · Mailroom` : 'Mailroom';
  }, [route, t]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'lg' }}
      data-testid="frame"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} data-testid="burger" />
            <Logo />
          </Group>
          <Group gap={4} wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" data-testid="navbar">
        <Nav path={path} onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Suspense fallback={<Loading />}>
          <Page />
        </Suspense>
      </AppShell.Main>
      <MailAlerts />
    </AppShell>
  );
}
