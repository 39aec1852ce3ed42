import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.tsx';
import { Preferences } from './settings/Preferences.tsx';
import { Password } from './settings/Password.tsx';
import { MailSettings } from './settings/MailSettings.tsx';
import { MailAccountsCard } from './settings/MailAccountsCard.tsx';

export default function Settings() {
  const { t } = useTranslation();
  return (
    <Stack maw={1100} data-testid="page-settings">
      <PageHeader title={t('settings.title')} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <Preferences />
        <Password />
        <MailSettings />
        <MailAccountsCard />
      </SimpleGrid>
    </Stack>
  );
}
