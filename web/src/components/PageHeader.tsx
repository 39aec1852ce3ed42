import { Group, Stack, Text, Title } from '@mantine/core';

/** Page title (data-testid="section-title"), a one-line hint and optional actions on the right. */
export function PageHeader({ title, hint, actions }: { title: string; hint?: string; actions?: React.ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm" mb="lg">
      <Stack gap={4}>
        <Title order={2} data-testid="section-title">
          {title}
        </Title>
        {hint && (
          <Text c="dimmed" size="sm">
            {hint}
          </Text>
        )}
      </Stack>
      {actions}
    </Group>
  );
}
