import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTypingNames } from '../../api/typing.ts';

/** "Anna is typing…" under the messages (from `discussion.typing` signals). */
export function TypingLine({ discussionId }: { discussionId: string }) {
  const { t } = useTranslation();
  const names = useTypingNames(discussionId);
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? t('discussions.typing.one', { name: names[0] })
        : names.length === 2
          ? t('discussions.typing.two', { first: names[0], second: names[1] })
          : t('discussions.typing.many');
  return (
    <Text size="xs" c="dimmed" fs="italic" px="md" h={18} truncate aria-live="polite" data-testid="typing-indicator" data-active={names.length > 0}>
      {text}
    </Text>
  );
}
