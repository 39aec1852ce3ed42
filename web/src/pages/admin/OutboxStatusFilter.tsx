import { Badge, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxStatus } from '@mailroom/sdk';
import { OUTBOX_STATUSES, type OutboxCounts } from '../../api/outbox.ts';
import { STATUS_COLOR } from './OutboxStatusBadge.tsx';

export type OutboxFilter = OutboxStatus | 'all';

/** All, or one state of the queue, each with how many messages are in it. */
export function OutboxStatusFilter({ value, counts, onChange }: { value: OutboxFilter; counts: OutboxCounts | undefined; onChange: (f: OutboxFilter) => void }) {
  const { t } = useTranslation();
  const total = counts ? OUTBOX_STATUSES.reduce((n, s) => n + counts[s], 0) : undefined;
  const options: { value: OutboxFilter; label: string; count: number | undefined; color: string }[] = [
    { value: 'all', label: t('outbox.all'), count: total, color: 'gray' },
    ...OUTBOX_STATUSES.map((s) => ({ value: s, label: t(`outbox.status.${s}`), count: counts?.[s], color: STATUS_COLOR[s] })),
  ];
  return (
    <Group gap={6} wrap="wrap" role="group" aria-label={t('outbox.queue')} data-testid="outbox-filter">
      {options.map((o) => {
        const active = o.value === value;
        return (
          <Button
            key={o.value}
            size="compact-sm"
            radius="xl"
            variant={active ? 'filled' : 'default'}
            aria-pressed={active}
            onClick={() => onChange(o.value)}
            rightSection={
              o.count !== undefined && (
                <Badge size="sm" circle={o.count < 10} variant={active ? 'white' : 'light'} color={o.color} data-testid="outbox-filter-count">
                  {o.count}
                </Badge>
              )
            }
            data-testid={`outbox-filter-${o.value}`}
            data-count={o.count ?? ''}
          >
            {o.label}
          </Button>
        );
      })}
    </Group>
  );
}
