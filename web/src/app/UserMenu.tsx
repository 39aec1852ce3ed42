import { Avatar, Box, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { useMe } from '../api/session.ts';
import { ChevronDownIcon, LogoutIcon, SettingsIcon } from '../components/Icons.tsx';
import { navigate } from './router.ts';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => client.auth.logout(),
    // Even if the server could not be told, forget the session here.
    onSettled: () => {
      qc.setQueryData(keys.me, null);
      // Nothing of this user's data may linger for the next one who signs in here.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
      navigate('/', { replace: true });
    },
  });

  return (
    <Menu position="bottom-end" shadow="md" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('userMenu.label')} data-testid="user-menu" px={6} py={4} style={{ borderRadius: 8 }}>
          <Group gap={8} wrap="nowrap">
            <Avatar size={30} radius="xl" color="blue">
              {initials(me.name)}
            </Avatar>
            <Box visibleFrom="sm" maw={180}>
              <Text size="sm" fw={500} truncate>
                {me.name}
              </Text>
            </Box>
            <ChevronDownIcon size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py={6}>
          <Text size="sm" fw={600} truncate data-testid="user-menu-name">
            {me.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me.login} · {t(`roles.${me.role}`)}
          </Text>
        </Box>
        <Menu.Divider />
        <Menu.Item leftSection={<SettingsIcon size={16} />} onClick={() => navigate('/settings')} data-testid="menu-settings">
          {t('userMenu.settings')}
        </Menu.Item>
        <Menu.Item
          leftSection={<LogoutIcon size={16} />}
          color="red"
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
          data-testid="menu-signout"
        >
          {signOut.isPending ? t('userMenu.signingOut') : t('userMenu.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
