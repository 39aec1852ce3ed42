import { useState } from 'react';
import { Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutboxItem } from '@mailroom/sdk';
import { newestFirst, useOutbox, useOutboxAction, type OutboxAction } from '../../api/outbox.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { Loading } from '../../components/Loading.tsx';
import { OutboxMessage } from './OutboxMessage.tsx';
import { OutboxStatusFilter, type OutboxFilter } from './OutboxStatusFilter.tsx';

/** The queue by state, newest first, page by page, with each message's actions (cancelling asks first); `refresh` sits beside the filter. */
export function OutboxQueue({ refresh }: { refresh: React.ReactNode }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<OutboxFilter>('all');
  const list = useOutbox(filter);
  const act = useOutboxAction();
  const [cancelling, setCancelling] = useState<OutboxItem | null>(null);
  const items = newestFirst(list.data?.pages);
  const counts = list.data?.pages[0]?.counts;
  const running = act.isPending ? act.variables : null;
  const failed = act.isError && act.variables?.action !== 'cancel' ? act.variables : null;

  const onAction = (item: OutboxItem, action: OutboxAction) => {
    act.reset();
    if (action === 'cancel') setCancelling(item);
    else act.mutate({ id: item.id, action });
  };

  return (
    <Stack gap="md" data-testid="outbox-queue">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <OutboxStatusFilter value={filter} counts={counts} onChange={setFilter} />
        {refresh}
      </Group>
      <ErrorAlert error={list.error} />
      <Card withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
        {list.isPending ? (
          <Loading />
        ) : items.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" data-testid="outbox-empty">
            {t('outbox.empty')}
          </Text>
        ) : (
          <div style={{ marginTop: -1 }}>
            {items.map((item) => (
              <OutboxMessage
                key={item.id}
                item={item}
                onAction={onAction}
                pending={running?.id === item.id ? running.action : null}
                error={failed?.id === item.id ? act.error : null}
              />
            ))}
          </div>
        )}
      </Card>
      <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onLoad={() => void list.fetchNextPage()} />
      <ConfirmModal
        opened={!!cancelling}
        title={t('outbox.cancelTitle')}
        text={t('outbox.cancelText', { subject: cancelling?.subject || t('outbox.noSubject') })}
        confirmLabel={t('outbox.cancel')}
        loading={act.isPending}
        error={act.variables?.action === 'cancel' ? act.error : null}
        onConfirm={() => cancelling && act.mutate({ id: cancelling.id, action: 'cancel' }, { onSuccess: () => setCancelling(null) })}
        onClose={() => {
          setCancelling(null);
          act.reset();
        }}
      />
    </Stack>
  );
}
