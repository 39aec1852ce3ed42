import { Group, Text, ThemeIcon } from '@mantine/core';
import { MailIcon } from './Icons.tsx';

/** The product mark and name. */
export function Logo({ size = 'lg' }: { size?: 'md' | 'lg' | 'xl' }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={size === 'xl' ? 40 : 30} radius="md" variant="filled">
        <MailIcon size={size === 'xl' ? 24 : 18} />
      </ThemeIcon>
      <Text fw={700} size={size} data-testid="product-name">
        Mailroom
      </Text>
    </Group>
  );
}
