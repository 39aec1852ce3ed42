import { Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { User } from '@mailroom/sdk';

interface Props {
  users: User[];
  onEdit: (u: User) => void;
}

function RoleBadge({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={user.role === 'administrator' ? 'violet' : 'gray'}>
      {t(`roles.${user.role}`)}
    </Badge>
  );
}

function StatusBadge({ user }: { user: User }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={user.active ? 'teal' : 'red'}>
      {user.active ? t('users.active') : t('users.inactive')}
    </Badge>
  );
}

/** Users as a table on wide screens and as cards on phones (every row keeps data-testid="user-row"). */
export function UserList({ users, onEdit }: Props) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');

  if (phone) {
    return (
      <Stack gap={0} data-testid="users-cards">
        {users.map((u) => (
          <Card key={u.id} radius={0} padding="md" withBorder={false} data-testid="user-row" data-login={u.login}
            style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>
                  {u.name}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {u.login} · {u.departmentName ?? t('users.noDepartment')}
                </Text>
                <Group gap={6} mt={6}>
                  <RoleBadge user={u} />
                  <StatusBadge user={u} />
                </Group>
              </Stack>
              <Button size="xs" variant="default" onClick={() => onEdit(u)} data-testid="user-edit">
                {t('common.edit')}
              </Button>
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.name')}</Table.Th>
            <Table.Th>{t('users.department')}</Table.Th>
            <Table.Th>{t('users.role')}</Table.Th>
            <Table.Th>{t('users.status')}</Table.Th>
            <Table.Th aria-label={t('common.actions')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id} data-testid="user-row" data-login={u.login}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {u.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {u.login} · {u.email}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={u.departmentName ? undefined : 'dimmed'}>
                  {u.departmentName ?? t('users.noDepartment')}
                </Text>
              </Table.Td>
              <Table.Td>
                <RoleBadge user={u} />
              </Table.Td>
              <Table.Td>
                <StatusBadge user={u} />
              </Table.Td>
              <Table.Td ta="right">
                <Button size="xs" variant="default" onClick={() => onEdit(u)} data-testid="user-edit">
                  {t('common.edit')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
