import { Box, Button, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { MailroomError } from '@mailroom/sdk';
import { errorText } from '../../api/errors.ts';
import { discardOutgoing, retryOutgoing, type Outgoing } from '../../api/outgoing.ts';
import { useMe } from '../../api/session.ts';
import { ClipIcon } from '../../components/MailIcons.tsx';
import { MessageText } from './MessageText.tsx';
import { ReplyQuote } from './ReplyQuote.tsx';

/** A message of mine the server does not have yet: "Sending…", or "Not sent" with Retry and Delete. */
export function PendingMessage({ item }: { item: Outgoing }) {
  const { t } = useTranslation();
  const me = useMe();
  const failed = item.state === 'failed';
  const reason = item.error ? errorText(t, new MailroomError(400, item.error.code as MailroomError['code'], '', item.error.field)) : '';
  return (
    <Box px={6} py={6} mt={4} style={{ borderRadius: 8, opacity: failed ? 1 : 0.8 }} data-testid="chat-message" data-pending="true" data-state={item.state} data-client-id={item.clientId} data-mine="true">
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={600}>
          {me.name}
        </Text>
        {!failed && <Loader size={10} />}
        <Text size="xs" c={failed ? 'red.8' : 'dimmed'} data-testid="chat-message-status">
          {failed ? t('discussions.message.failed', { reason }) : t('discussions.message.sending')}
        </Text>
      </Group>
      {item.replyTo && <ReplyQuote reply={item.replyTo} />}
      {item.text && <MessageText text={item.text} mentioned={item.mentions} meId={me.id} />}
      {item.files.map((f) => (
        <Group key={f.filename} gap={4} c="dimmed">
          <ClipIcon size={14} />
          <Text size="sm">{f.filename}</Text>
        </Group>
      ))}
      {failed && (
        <Group gap={6} mt={4}>
          <Button size="compact-xs" variant="light" onClick={() => void retryOutgoing(item.clientId)} data-testid="chat-message-retry">
            {t('discussions.message.retry')}
          </Button>
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => void discardOutgoing(item.clientId)} data-testid="chat-message-discard">
            {t('discussions.message.discard')}
          </Button>
        </Group>
      )}
    </Box>
  );
}
