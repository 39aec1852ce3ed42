import { NavLink, ScrollArea, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/session.ts';
import {
  BellIcon, DepartmentsIcon, DiscussionsIcon, GroupsIcon, KeyIcon, MailIcon, OutboxIcon, ServerIcon, SettingsIcon, ShieldIcon, SystemMailIcon, UsersIcon,
} from '../components/Icons.tsx';
import { InboxIcon } from '../components/MailIcons.tsx';
import { linkClick } from './router.ts';

interface Props {
  path: string;
  /** Called after following a link (closes the navbar on phones). */
  onNavigate: () => void;
}

export function Nav({ path, onNavigate }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const item = (to: string, label: string, icon: React.ReactNode, testId: string) => (
    <NavLink
      key={to}
      component="a"
      href={to}
      label={label}
      leftSection={icon}
      active={path === to || path.startsWith(`${to}/`)}
      onClick={linkClick(to, onNavigate)}
      data-testid={testId}
      style={{ borderRadius: 8 }}
    />
  );

  return (
    <ScrollArea type="auto" style={{ flex: 1 }}>
      <Stack gap={2} component="nav" aria-label={t('nav.main')}>
        {item('/mail', t('nav.mail'), <MailIcon />, 'nav-mail')}
        {item('/discussions', t('nav.discussions'), <DiscussionsIcon />, 'nav-discussions')}
        {item('/notifications', t('nav.notifications'), <BellIcon />, 'nav-notifications')}
        {item('/settings', t('nav.settings'), <SettingsIcon />, 'nav-settings')}
        {me.role === 'administrator' && (
          <NavLink
            label={t('nav.administration')}
            leftSection={<ShieldIcon />}
            defaultOpened
            childrenOffset={14}
            active={path.startsWith('/admin/')}
            variant="subtle"
            data-testid="nav-admin"
            style={{ borderRadius: 8 }}
          >
            {item('/admin/users', t('nav.users'), <UsersIcon />, 'nav-admin-users')}
            {item('/admin/groups', t('nav.groups'), <GroupsIcon />, 'nav-admin-groups')}
            {item('/admin/departments', t('nav.departments'), <DepartmentsIcon />, 'nav-admin-departments')}
            {item('/admin/api-keys', t('nav.apiKeys'), <KeyIcon />, 'nav-admin-apikeys')}
            {item('/admin/mail-providers', t('nav.mailProviders'), <ServerIcon />, 'nav-admin-providers')}
            {item('/admin/shared-mailboxes', t('nav.sharedMailboxes'), <InboxIcon />, 'nav-admin-shared')}
            {item('/admin/system-mail', t('nav.systemMail'), <SystemMailIcon />, 'nav-admin-system-mail')}
            {item('/admin/outbox', t('nav.outbox'), <OutboxIcon />, 'nav-admin-outbox')}
          </NavLink>
        )}
      </Stack>
    </ScrollArea>
  );
}
