import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AlertIcon, CheckIcon } from '../../components/Icons.tsx';

/** Shows a new API key exactly once, with a copy button and a warning that it will not be shown again. */
export function ApiKeyCreatedModal({ name, secret, onClose }: { name: string; secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('apiKeys.createdTitle')}
      size="lg"
      closeOnClickOutside={false}
      data-testid="apikey-created-modal"
    >
      <Stack>
        <Text fw={500}>{name}</Text>
        <Alert color="orange" variant="light" icon={<AlertIcon />} data-testid="apikey-warning">
          {t('apiKeys.createdWarning')}
        </Alert>
        <Code block data-testid="apikey-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 14 }}>
          {secret}
        </Code>
        <Group justify="space-between">
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? 'light' : 'filled'}
                color={copied ? 'teal' : 'blue'}
                leftSection={copied ? <CheckIcon size={16} /> : null}
                onClick={copy}
                data-testid="apikey-copy"
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onClose} data-testid="apikey-done">
            {t('apiKeys.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
