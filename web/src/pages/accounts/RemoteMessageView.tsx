import { Box, Center, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useRemoteMessage } from '../../api/accounts.ts';
import { useFormatDateTime } from '../../app/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatSize } from '../mail/compose.ts';
import { MailBody } from '../mail/MailBody.tsx';

interface Props {
  accountId: string;
  folder: string;
  uid: number | null;
}

/** One message read from the server (light mode): header, file names and the text in the sandboxed frame. */
export function RemoteMessageView({ accountId, folder, uid }: Props) {
  const { t } = useTranslation();
  const fmt = useFormatDateTime();
  const { ref, width } = useElementSize();
  const msg = useRemoteMessage(accountId, folder, uid);
  const m = msg.data;
  let content: React.ReactNode;
  if (uid === null) {
    content = (
      <Center h="100%" mih={200}>
        <Text c="dimmed">{t('accounts.chooseMessage')}</Text>
      </Center>
    );
  } else if (msg.isPending) {
    content = <Loading />;
  } else if (!m) {
    content = <ErrorAlert error={msg.error} testId="remote-message-error" />;
  } else {
    content = (
      <Stack gap="xs" data-testid="remote-message" data-uid={m.uid}>
        <Title order={3} size="h5" style={{ overflowWrap: 'anywhere' }}>
          {m.subject || t('mail.list.noSubject')}
        </Title>
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Text size="sm">{m.from ? `${m.from.name} <${m.from.email}>` : '—'}</Text>
          {m.date && (
            <Text size="xs" c="dimmed">
              {fmt(m.date)}
            </Text>
          )}
        </Group>
        {m.attachments.length > 0 && (
          <Text size="xs" c="dimmed" data-testid="remote-message-files">
            {t('mail.read.attachments')}: {m.attachments.map((a) => `${a.filename} (${formatSize(a.size)})`).join(', ')}
          </Text>
        )}
        <Divider />
        <MailBody html={m.html} text={m.text} width={width} />
      </Stack>
    );
  }
  return (
    <Box ref={ref} p="sm">
      {content}
    </Box>
  );
}
