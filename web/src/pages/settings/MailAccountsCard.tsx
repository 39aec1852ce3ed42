import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAccounts } from '../../api/accounts.ts';
import { linkClick } from '../../app/router.ts';
import { AccountStatusBadge } from '../accounts/AccountStatusBadge.tsx';

/** The external mail accounts at a glance, with the way to the page that manages them. */
export function MailAccountsCard() {
  const { t } = useTranslation();
  const accounts = useAccounts();
  const items = accounts.data ?? [];
  return (
    <Card withBorder radius="md" padding="lg" data-testid="settings-accounts">
      <Stack>
        <div>
          <Title order={3} size="h4">
            {t('accounts.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('accounts.hint')}
          </Text>
        </div>
        {items.map((a) => (
          <Group key={a.id} justify="space-between" wrap="nowrap" gap="xs">
            <Text size="sm" truncate>
              {a.name}
            </Text>
            <AccountStatusBadge account={a} />
          </Group>
        ))}
        <Group>
          <Button component="a" href="/settings/accounts" variant="light" onClick={linkClick('/settings/accounts')} data-testid="settings-accounts-open">
            {t('accounts.manage')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
