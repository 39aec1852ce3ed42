import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MailMessage } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/** "Remote images are blocked": show them for this message, or always for its sender. */
export function RemoteImagesBar({ message: m }: { message: MailMessage }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const allow = useMutation({
    mutationFn: (scope: 'message' | 'sender') => client.mail.allowImages(m.id, scope),
    onSuccess: (next, scope) => {
      qc.setQueryData(keys.mailEntry(next.id), next);
      // the sender's other messages (in the conversation) are allowed too
      if (scope === 'sender') void qc.invalidateQueries({ queryKey: ['mail', 'thread'] });
    },
  });
  return (
    <Alert color="yellow" variant="light" p="xs" data-testid="mail-images-blocked">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm">{t('mail.read.imagesBlocked')}</Text>
          <Group gap="xs" wrap="wrap">
            <Button size="compact-sm" variant="default" onClick={() => allow.mutate('message')} loading={allow.isPending && allow.variables === 'message'} data-testid="mail-images-show">
              {t('mail.read.showImages')}
            </Button>
            {m.fromAddress && (
              <Button size="compact-sm" variant="subtle" color="dark" onClick={() => allow.mutate('sender')} loading={allow.isPending && allow.variables === 'sender'} data-testid="mail-images-always">
                {t('mail.read.alwaysShow', { address: m.fromAddress })}
              </Button>
            )}
          </Group>
        </Group>
        <ErrorAlert error={allow.error} testId="mail-images-error" />
      </Stack>
    </Alert>
  );
}
