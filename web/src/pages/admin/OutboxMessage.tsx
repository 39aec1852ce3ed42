import { useState } from 'react';
import { Box, Button, Code, Collapse, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxItem } from '@mailroom/sdk';
import { isCode } from '../../api/errors.ts';
import { actionsFor, type OutboxAction } from '../../api/outbox.ts';
import { useFormatDateTime } from '../../app/format.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ChevronDownIcon } from '../../components/Icons.tsx';
import { OutboxLog } from './OutboxLog.tsx';
import { OutboxProblemText } from './OutboxProblemText.tsx';
import { OutboxStatusBadge } from './OutboxStatusBadge.tsx';

interface Props {
  item: OutboxItem;
  onAction: (item: OutboxItem, action: OutboxAction) => void;
  /** The action running on this message, if any. */
  pending: OutboxAction | null;
  /** The last action on this message failed with this. */
  error: unknown;
}

const LABEL = { retry: 'outbox.retry', 'send-now': 'outbox.sendNow', cancel: 'outbox.cancel' } as const;
const SHOWS_PROBLEM = new Set(['deferred', 'failed', 'cancelled']);

/** One message of the queue: what, to whom, its state and times, why it has not gone, its actions and (opened) its delivery log. */
export function OutboxMessage({ item, onAction, pending, error }: Props) {
  const { t } = useTranslation();
  const time = useFormatDateTime();
  const [open, setOpen] = useState(false);
  const times = [
    t('outbox.created', { time: time(item.createdAt) }),
    item.sentAt && t('outbox.sent', { time: time(item.sentAt) }),
    item.nextAttemptAt && t('outbox.nextAttempt', { time: time(item.nextAttemptAt) }),
    (item.status === 'queued' || item.status === 'deferred') && t('outbox.expires', { time: time(item.expiresAt) }),
  ].filter(Boolean);
  const lastError = item.lastError && item.lastError !== item.smtpResponse && item.status !== 'sent' ? item.lastError : null;

  return (
    <Box p="md" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} data-testid="outbox-row" data-id={item.id} data-status={item.status}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" lineClamp={2} data-testid="outbox-subject">
              {item.subject || t('outbox.noSubject')}
            </Text>
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="outbox-recipients">
              {t('outbox.to', { recipients: item.recipients.join(', ') })}
            </Text>
          </Stack>
          <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
            <OutboxStatusBadge status={item.status} />
            <Text size="xs" c="dimmed" data-testid="outbox-attempts">
              {t('outbox.attempts', { count: item.attempts })}
            </Text>
          </Stack>
        </Group>
        <Text size="xs" c="dimmed" data-testid="outbox-times">
          {times.join(' · ')}
        </Text>
        {SHOWS_PROBLEM.has(item.status) && <OutboxProblemText problem={item.problem} fix={item.status === 'cancelled' ? null : 'queue'} />}
        {item.smtpResponse && (
          <Text size="xs" data-testid="outbox-response">
            {t('outbox.response')}{' '}
            <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{item.smtpResponse}</Code>
          </Text>
        )}
        {lastError && (
          <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid="outbox-last-error">
            {t('outbox.lastError', { error: lastError })}
          </Text>
        )}
        {error ? isCode(error, 'CONFLICT') ? (
          <Text size="sm" c="orange.8" data-testid="outbox-conflict">{t('outbox.conflict')}</Text>
        ) : (
          <ErrorAlert error={error} testId="outbox-action-error" />
        ) : null}
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs">
            {actionsFor(item.status).map((a) => (
              <Button
                key={a}
                size="xs"
                variant={a === 'cancel' ? 'subtle' : 'light'}
                color={a === 'cancel' ? 'red' : undefined}
                loading={pending === a}
                disabled={!!pending && pending !== a}
                onClick={() => onAction(item, a)}
                data-testid={`outbox-${a}`}
              >
                {t(LABEL[a])}
              </Button>
            ))}
          </Group>
          <Button
            size="xs"
            variant="subtle"
            color="gray"
            onClick={() => setOpen((o) => !o)}
            rightSection={<ChevronDownIcon size={14} style={{ transform: open ? 'rotate(180deg)' : undefined, transition: 'transform 150ms' }} />}
            aria-expanded={open}
            data-testid="outbox-toggle-log"
          >
            {open ? t('outbox.hideLog') : t('outbox.showLog')}
          </Button>
        </Group>
        <Collapse expanded={open}>
          {open && <OutboxLog outboxId={item.id} version={`${item.status}:${item.attempts}`} />}
        </Collapse>
      </Stack>
    </Box>
  );
}
