import { Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/PageHeader.tsx';
import { linkClick } from '../app/router.ts';
import { HOME } from '../app/routes.tsx';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Stack maw={640} data-testid="page-not-found">
      <PageHeader title={t('notFound.title')} />
      <Text>{t('notFound.text')}</Text>
      <Button component="a" href={HOME} onClick={linkClick(HOME)} w="fit-content">
        {t('notFound.home')}
      </Button>
    </Stack>
  );
}
