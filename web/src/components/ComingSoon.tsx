import { Badge, Card, List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from './PageHeader.tsx';
import { CheckIcon } from './Icons.tsx';

type Section = 'notifications';

/** A friendly page for a section that is still being built: what it will do, in plain sentences. */
export function ComingSoon({ section, icon }: { section: Section; icon: React.ReactNode }) {
  const { t } = useTranslation();
  const points = [t(`${section}.point1`), t(`${section}.point2`), t(`${section}.point3`), t(`${section}.point4`)];
  return (
    <Stack maw={760} data-testid={`page-${section}`}>
      <PageHeader title={t(`${section}.title`)} />
      <Card withBorder radius="md" padding="xl">
        <Stack gap="md">
          <ThemeIcon size={56} radius="xl" variant="light">
            {icon}
          </ThemeIcon>
          <Badge variant="light" color="grape" w="fit-content">
            {t('common.comingSoon')}
          </Badge>
          <Title order={3} data-testid="coming-heading">
            {t(`${section}.heading`)}
          </Title>
          <Text size="lg">{t(`${section}.lead`)}</Text>
          <List
            spacing="md"
            styles={{ item: { lineHeight: 1.55 }, itemIcon: { marginTop: 2 } }}
            icon={
              <ThemeIcon size={22} radius="xl" color="teal" variant="light">
                <CheckIcon size={14} />
              </ThemeIcon>
            }
          >
            {points.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Stack>
      </Card>
    </Stack>
  );
}
