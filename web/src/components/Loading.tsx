import { Center, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A visible loading state with words, not just a spinner. */
export function Loading({ label, minHeight = 160 }: { label?: string; minHeight?: number | string }) {
  const { t } = useTranslation();
  return (
    <Center mih={minHeight} data-testid="loading">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed" size="sm">
          {label ?? t('common.loading')}
        </Text>
      </Group>
    </Center>
  );
}
