import { Box, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { OutboxLogEntry } from '@mailroom/sdk';
import { useFormatDateTime } from '../../app/format.ts';

const COLOR: Record<OutboxLogEntry['event'], string> = {
  queued: 'blue', attempt: 'gray', sent: 'teal', deferred: 'orange', failed: 'red', cancelled: 'gray', retried: 'violet', 'lease-expired': 'orange', deleted: 'gray',
};

/** An event in words: the administrator's "send now" is told apart from "retry" by its detail. */
function eventText(t: TFunction, e: OutboxLogEntry) {
  if (e.event === 'retried' && e.detail === 'send-now') return t('outbox.events.sendNow');
  if (e.event === 'lease-expired') return t('outbox.events.leaseExpired');
  return t(`outbox.events.${e.event}`);
}

/** The server's detail of a line, when it says something a person can use (not the action's own name). */
function detailText(t: TFunction, e: OutboxLogEntry) {
  if (!e.detail || e.event === 'retried' || e.event === 'cancelled') return null;
  const attempt = e.event === 'attempt' ? /(\d+)/.exec(e.detail) : null;
  if (attempt) return t('outbox.attemptN', { n: attempt[1] });
  return e.detail;
}

/** Lines of the delivery log: time, event, (the message,) the problem in words and the server's words. */
export function OutboxLogTable({ entries, showMessage }: { entries: OutboxLogEntry[]; showMessage: boolean }) {
  const { t } = useTranslation();
  const time = useFormatDateTime(true);
  return (
    <Table.ScrollContainer minWidth={showMessage ? 760 : 520}>
      <Table verticalSpacing={6} horizontalSpacing="sm" fz="sm" data-testid="outbox-log-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={170}>{t('outbox.logTime')}</Table.Th>
            <Table.Th w={220}>{t('outbox.logEvent')}</Table.Th>
            {showMessage && <Table.Th>{t('outbox.logMessage')}</Table.Th>}
            <Table.Th>{t('outbox.logDetail')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => {
            const detail = detailText(t, e);
            return (
              <Table.Tr key={e.id} data-testid="outbox-log-line" data-event={e.event} data-outbox-id={e.outboxId}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{time(e.at)}</Table.Td>
                <Table.Td>
                  <Group gap={8} wrap="nowrap" align="baseline">
                    <Box w={8} h={8} bg={`${COLOR[e.event]}.6`} style={{ borderRadius: '50%', flexShrink: 0 }} aria-hidden />
                    <Text size="sm" fw={500} data-testid="outbox-log-event">
                      {eventText(t, e)}
                    </Text>
                  </Group>
                </Table.Td>
                {showMessage && (
                  <Table.Td style={{ minWidth: 0 }}>
                    <Text size="sm" fw={500} lineClamp={1}>
                      {e.subject || t('outbox.noSubject')}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {e.recipients.join(', ')}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <Stack gap={2}>
                    {e.problem && (
                      <Text size="sm" c="red.8" data-testid="outbox-log-problem" data-problem={e.problem}>
                        {t(`outbox.problems.${e.problem}`)}
                      </Text>
                    )}
                    {detail && (
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="outbox-log-detail">
                        {detail}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
