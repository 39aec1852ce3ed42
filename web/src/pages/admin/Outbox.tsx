import { useState } from 'react';
import { Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { keys } from '../../api/keys.ts';
import { RefreshIcon } from '../../components/MailIcons.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { OutboxLog } from './OutboxLog.tsx';
import { OutboxQueue } from './OutboxQueue.tsx';

/** Administration → Outgoing mail: the queue of e-mail leaving for outside addresses, and the delivery log. */
export default function Outbox() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [tab, setTab] = useState<string | null>('queue');
  const refresh = (
    <Button variant="default" size="xs" leftSection={<RefreshIcon size={14} />} onClick={() => void qc.invalidateQueries({ queryKey: keys.outbox })} data-testid="outbox-refresh">
      {t('outbox.refresh')}
    </Button>
  );
  return (
    <Stack maw={1100} data-testid="page-admin-outbox">
      <PageHeader title={t('outbox.title')} hint={t('outbox.hint')} />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="queue" data-testid="outbox-tab-queue">
            {t('outbox.queue')}
          </Tabs.Tab>
          <Tabs.Tab value="log" data-testid="outbox-tab-log">
            {t('outbox.log')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue">
          <OutboxQueue refresh={refresh} />
        </Tabs.Panel>
        <Tabs.Panel value="log">
          <Stack gap="sm">
            <Group justify="space-between" align="center" wrap="wrap" gap="sm">
              <Text size="sm" c="dimmed">
                {t('outbox.logHint')}
              </Text>
              {refresh}
            </Group>
            <OutboxLog />
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
