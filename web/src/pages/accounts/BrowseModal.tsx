import { useCallback, useState } from 'react';
import { Box, Button, Group, Modal, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Account } from '@mailroom/sdk';
import { useRemoteFolders, useRemoteMessages } from '../../api/accounts.ts';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { Loading } from '../../components/Loading.tsx';
import { FolderIcon } from '../../components/MailIcons.tsx';
import { ImportedToast } from './ImportedToast.tsx';
import { RemoteMessageRow } from './RemoteMessageRow.tsx';
import { RemoteMessageView } from './RemoteMessageView.tsx';

const column = { minHeight: 0, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, overflow: 'hidden' } as const;

/**
 * Light mode: the account's mail read on the server, nothing stored: its folders, a folder page by
 * page, one message; the selected messages are imported into Mailroom.
 */
export function BrowseModal({ account, onClose }: { account: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const phone = useMediaQuery('(max-width: 48em)');
  const folders = useRemoteFolders(account.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const folder = chosen ?? folders.data?.find((f) => f.path.toUpperCase() === 'INBOX')?.path ?? folders.data?.[0]?.path ?? null;
  const list = useRemoteMessages(account.id, folder);
  const [uid, setUid] = useState<number | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [imported, setImported] = useState<string[] | null>(null);
  const closeToast = useCallback(() => setImported(null), []);

  const importMail = useMutation({
    mutationFn: () => client.accounts.importRemote(account.id, folder!, [...selected]),
    onSuccess: (r) => {
      setSelected(new Set());
      setImported(r.entryIds);
      void qc.invalidateQueries({ queryKey: keys.mail });
    },
  });
  const chooseFolder = (path: string) => {
    setChosen(path);
    setUid(null);
    setSelected(new Set());
  };
  const check = (u: number, on: boolean) => setSelected((s) => new Set(on ? [...s, u] : [...s].filter((x) => x !== u)));
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Modal opened onClose={onClose} title={t('accounts.browseTitle', { name: account.name })} size="95%" fullScreen={!!phone} data-testid="browse-modal">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed" data-testid="remote-selected">
            {t('accounts.importCount', { count: selected.size })}
          </Text>
          <Button onClick={() => importMail.mutate()} disabled={!selected.size || !folder} loading={importMail.isPending} data-testid="remote-import">
            {t('accounts.import')}
          </Button>
        </Group>
        <ErrorAlert error={importMail.error ?? folders.error ?? list.error} testId="browse-error" />
        <Box style={{ display: 'flex', flexDirection: phone ? 'column' : 'row', gap: 12, height: phone ? undefined : '70vh' }}>
          <ScrollArea w={phone ? undefined : 200} style={{ ...column, flexShrink: 0 }} p={4} type="auto" data-testid="remote-folders">
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px={6} py={4}>
              {t('accounts.serverFolders')}
            </Text>
            {folders.isPending ? (
              <Loading minHeight={80} />
            ) : (
              folders.data?.map((f) => (
                <NavLink
                  key={f.path}
                  component="button"
                  type="button"
                  label={f.name}
                  leftSection={<FolderIcon />}
                  rightSection={f.messages ? <Text size="xs" c="dimmed">{f.messages}</Text> : null}
                  active={f.path === folder}
                  onClick={() => chooseFolder(f.path)}
                  style={{ borderRadius: 8 }}
                  data-testid="remote-folder"
                  data-path={f.path}
                />
              ))
            )}
          </ScrollArea>
          <ScrollArea w={phone ? undefined : 'clamp(260px, 32%, 400px)'} style={{ ...column, flexShrink: 0 }} type="auto" data-testid="remote-list">
            {list.isPending && list.fetchStatus !== 'idle' ? (
              <Loading />
            ) : items.length === 0 ? (
              <Text c="dimmed" ta="center" py="xl" px="md" data-testid="remote-list-empty">
                {t('accounts.noMessages')}
              </Text>
            ) : (
              <>
                {items.map((m) => (
                  <RemoteMessageRow key={m.uid} item={m} open={uid === m.uid} checked={selected.has(m.uid)} onOpen={() => setUid(m.uid)} onCheck={(on) => check(m.uid, on)} />
                ))}
                <Box pb="md">
                  <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onLoad={() => void list.fetchNextPage()} />
                </Box>
              </>
            )}
          </ScrollArea>
          <ScrollArea style={{ ...column, flex: 1 }} type="auto">
            {folder && <RemoteMessageView accountId={account.id} folder={folder} uid={uid} />}
          </ScrollArea>
        </Box>
      </Stack>
      {imported && <ImportedToast entryIds={imported} onClose={closeToast} />}
    </Modal>
  );
}
