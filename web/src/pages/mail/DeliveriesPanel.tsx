import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../app/format.ts';
import { useDeliveries } from '../../api/mail.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';

/** For my own sent message: per recipient when it was delivered and read, and through which group or department. */
export function DeliveriesPanel({ entryId }: { entryId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatDateTime();
  const q = useDeliveries(entryId);
  const list = q.data;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="mail-deliveries">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap={6}>
          <Title order={4} size="h6">
            {t('mail.deliveries.title')}
          </Title>
          {list && (
            <Text size="sm" c={list.notYetReadBy.length ? 'orange.8' : 'teal.8'} fw={600} data-testid="mail-deliveries-summary">
              {list.notYetReadBy.length ? t('mail.deliveries.notReadBy', { names: list.notYetReadBy.join(', ') }) : t('mail.deliveries.allRead')}
            </Text>
          )}
        </Group>
        <ErrorAlert error={q.error} />
        {q.isPending ? (
          <Loading minHeight={60} />
        ) : (
          <Table.ScrollContainer minWidth={420}>
            <Table verticalSpacing={4} horizontalSpacing="xs" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mail.deliveries.recipient')}</Table.Th>
                  <Table.Th>{t('mail.deliveries.delivered')}</Table.Th>
                  <Table.Th>{t('mail.deliveries.read')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(list?.items ?? []).map((d) => (
                  <Table.Tr key={`${d.userId}-${d.role}`} data-testid="mail-delivery" data-name={d.name} data-read={d.readAt ? 'true' : 'false'}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" fw={d.readAt ? 400 : 700}>
                          {d.name}
                        </Text>
                        {d.role !== 'to' && (
                          <Badge size="xs" variant="light" color="gray">
                            {t(`mail.read.${d.role}`)}
                          </Badge>
                        )}
                      </Group>
                      {d.via && (
                        <Text size="xs" c="dimmed">
                          {t('mail.deliveries.via', { name: d.via })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{fmt(d.deliveredAt)}</Table.Td>
                    <Table.Td data-testid="mail-delivery-read">
                      {d.readAt ? (
                        <Text size="sm" c="teal.8">
                          {fmt(d.readAt)}
                        </Text>
                      ) : (
                        <Text size="sm" c="orange.8" fw={600}>
                          {t('mail.deliveries.notRead')}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
