import { Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Endpoint, OAuthClient, Preset } from '@mailroom/sdk';

interface Props {
  presets: Preset[];
  clients: OAuthClient[];
  onSignIn: (p: Preset) => void;
  /** The organisation's own presets only: built-in ones are read-only. */
  onEdit?: (p: Preset) => void;
  onRemove?: (p: Preset) => void;
}

const server = (kind: string, e: Endpoint | null) => (e ? `${kind} ${e.host}:${e.port}` : null);

/** Providers with their domains, servers and how people sign in; sign-in is set up for any, the rest changed for the organisation's own. */
export function ProviderTable({ presets, clients, onSignIn, onEdit, onRemove }: Props) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('providers.name')}</Table.Th>
            <Table.Th>{t('providers.domains')}</Table.Th>
            <Table.Th>{t('providers.servers')}</Table.Th>
            <Table.Th>{t('providers.signIn')}</Table.Th>
            <Table.Th aria-label={t('common.actions')} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {presets.map((p) => {
            const oauth = clients.find((c) => c.presetId === p.id);
            return (
              <Table.Tr key={p.id} data-testid="provider-row" data-id={p.id} data-oauth={!!oauth}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {p.name}
                  </Text>
                  <Code>{p.id}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" data-testid="provider-domains">
                    {p.domains.join(', ')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    {[server('IMAP', p.imap), server('POP3', p.pop3), server('SMTP', p.smtp)].filter(Boolean).map((s) => (
                      <Text key={s} size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        {s}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <Badge variant="light" color={oauth ? 'teal' : 'gray'} data-testid="provider-signin">
                      {oauth ? t('providers.byProvider') : t('providers.byPassword')}
                    </Badge>
                    {oauth?.hasSecret && (
                      <Text size="xs" c="dimmed" data-testid="provider-secret-stored">
                        {t('providers.secretStored')}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => onSignIn(p)} data-testid="provider-oauth">
                      {oauth ? t('providers.changeSignIn') : t('providers.setUpSignIn')}
                    </Button>
                    {onEdit && (
                      <Button size="xs" variant="default" onClick={() => onEdit(p)} data-testid="provider-edit">
                        {t('common.edit')}
                      </Button>
                    )}
                    {onRemove && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => onRemove(p)} data-testid="provider-remove">
                        {t('common.delete')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
