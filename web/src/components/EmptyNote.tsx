import { Paper, Text } from '@mantine/core';

/** What a list of cards shows while it has none: a short dimmed line on a bordered sheet. */
export function EmptyNote({ testId, children }: { testId: string; children: React.ReactNode }) {
  return (
    <Paper withBorder radius="md" p="xl" ta="center">
      <Text c="dimmed" data-testid={testId}>
        {children}
      </Text>
    </Paper>
  );
}
