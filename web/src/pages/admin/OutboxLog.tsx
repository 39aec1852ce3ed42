import { useEffect, useRef } from 'react';
import { Card, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { newestFirst, useOutboxLog } from '../../api/outbox.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { Loading } from '../../components/Loading.tsx';
import { OutboxLogTable } from './OutboxLogTable.tsx';

/**
 * The whole delivery log, newest first, page by page; `outboxId`: one message's lines only, asked
 * for anew whenever `version` (the message's state) changes.
 */
export function OutboxLog({ outboxId = '', version }: { outboxId?: string; version?: string }) {
  const { t } = useTranslation();
  const log = useOutboxLog(outboxId);
  const { refetch } = log;
  const seen = useRef(version);
  useEffect(() => {
    if (seen.current === version) return;
    seen.current = version;
    void refetch();
  }, [version, refetch]);
  const entries = newestFirst(log.data?.pages);
  const whole = !outboxId;
  const body = log.isPending ? (
    <Loading />
  ) : entries.length === 0 ? (
    <Text c="dimmed" ta="center" py={whole ? 'xl' : 'sm'} size={whole ? 'md' : 'sm'} data-testid="outbox-log-empty">
      {t('outbox.logEmpty')}
    </Text>
  ) : (
    <OutboxLogTable entries={entries} showMessage={whole} />
  );
  return (
    <div data-testid={whole ? 'outbox-log' : 'outbox-message-log'}>
      <ErrorAlert error={log.error} />
      {whole ? (
        <Card withBorder radius="md" p={0}>
          {body}
        </Card>
      ) : (
        body
      )}
      <LoadMore hasMore={log.hasNextPage} loading={log.isFetchingNextPage} onLoad={() => void log.fetchNextPage()} />
    </div>
  );
}
