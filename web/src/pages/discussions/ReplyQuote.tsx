import { Box, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The message replied to: its author and the start of its text. */
export function ReplyQuote({ reply }: { reply: { author: string; text: string } }) {
  const { t } = useTranslation();
  return (
    <Box pl={8} mb={4} style={{ borderLeft: '3px solid var(--mantine-color-blue-4)' }} data-testid="chat-reply-quote">
      <Text size="xs" fw={600}>
        {reply.author || t('discussions.message.unknownAuthor')}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={2} fs={reply.text ? undefined : 'italic'}>
        {reply.text || t('discussions.message.deleted')}
      </Text>
    </Box>
  );
}
