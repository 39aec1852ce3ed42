import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxStatus } from '@mailroom/sdk';

export const STATUS_COLOR: Record<OutboxStatus, string> = {
  queued: 'blue', sending: 'indigo', deferred: 'orange', sent: 'teal', failed: 'red', cancelled: 'gray',
};

export function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} style={{ textTransform: 'none', flexShrink: 0 }} data-testid="outbox-status">
      {t(`outbox.status.${status}`)}
    </Badge>
  );
}
