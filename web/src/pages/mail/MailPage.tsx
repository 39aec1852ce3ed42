import { useCallback, useEffect, useState } from 'react';
import { ActionIcon, Box, Button, Paper, ScrollArea, Stack } from '@mantine/core';
import { useLocalStorage, useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MailSummary } from '@mailroom/sdk';
import { useAccounts } from '../../api/accounts.ts';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { folderByRole, useFolders, useMailList, useMailSearch, type SearchParams } from '../../api/mail.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { BackIcon, TrashIcon } from '../../components/MailIcons.tsx';
import { blankCompose, draftCompose, type ComposeInit } from './compose.ts';
import { ComposeModal } from './ComposeModal.tsx';
import { FolderTree } from './FolderTree.tsx';
import { folderName } from './folders.ts';
import { MailToolbar, type PanePosition } from './MailToolbar.tsx';
import { MessageList } from './MessageList.tsx';
import { ReadingPane } from './ReadingPane.tsx';
import { useOpenRequest } from './useOpenRequest.ts';

type Stage = 'folders' | 'list' | 'message';

/**
 * The mail screen: folders, the message list (or search results) and the reading pane to the right
 * or below; on a phone one of them at a time (folders → list → message → back).
 */
export function MailPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const phone = !!useMediaQuery('(max-width: 48em)');
  const [pane, setPane] = useLocalStorage<PanePosition>({ key: 'mailroom.mail.pane', defaultValue: 'right', getInitialValueInEffect: false });
  const folders = useFolders();
  const accounts = useAccounts();
  const [folderId, setFolderId] = useState<string | null>(null);
  const [search, setSearch] = useState<SearchParams | null>(null);
  const [entryId, setEntryId] = useState<string | null>(null);
  const [stage, setStage] = useState<Stage>('list');
  const [compose, setCompose] = useState<{ key: number; init: ComposeInit } | null>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);

  const all = folders.data ?? [];
  const inbox = folderByRole(all, 'inbox');
  const folder = all.find((f) => f.id === folderId);
  useEffect(() => {
    // the Inbox first; and back to it when the open folder is deleted
    if (inbox && (!folderId || (folders.isSuccess && !folder))) setFolderId(inbox.id);
  }, [inbox, folderId, folder, folders.isSuccess]);

  const list = useMailList(search ? null : folderId);
  const results = useMailSearch(search);

  const openCompose = useCallback((init: ComposeInit) => setCompose({ key: Date.now(), init }), []);
  const openEntry = useCallback((fid: string, eid: string | null) => {
    setSearch(null);
    setFolderId(fid);
    setEntryId(eid);
    setStage(eid ? 'message' : 'list');
  }, []);
  useOpenRequest(folders.data, openEntry);

  const openDraft = useMutation({ mutationFn: (id: string) => client.mail.get(id), onSuccess: (m) => openCompose(draftCompose(m)) });
  const onOpen = (m: MailSummary) => {
    if (m.isDraft) return openDraft.mutate(m.id);
    setEntryId(m.id);
    setStage('message');
  };
  const emptyTrash = useMutation({
    mutationFn: () => client.mail.emptyTrash(),
    onSuccess: () => {
      setConfirmEmpty(false);
      setEntryId(null);
      void qc.invalidateQueries({ queryKey: keys.mail });
    },
  });
  const check = () => {
    void qc.invalidateQueries({ queryKey: keys.mailFolders });
    void qc.invalidateQueries({ queryKey: keys.mailLists });
    void qc.invalidateQueries({ queryKey: keys.mailSearches });
  };
  const chooseFolder = (id: string) => {
    setSearch(null);
    setFolderId(id);
    setEntryId(null);
    setStage('list');
  };

  if (folders.isPending) return <Loading />;
  if (!folders.data) return <ErrorAlert error={folders.error} />;

  const showRecipients = !search && (folder?.role === 'sent' || folder?.role === 'drafts');
  const listView = (
    <MessageList
      key={search ? 'search' : folderId}
      title={search ? t('mail.search.results') : folder ? folderName(t, folder) : ''}
      query={search ? results : list}
      showRecipients={showRecipients}
      selectedId={entryId}
      onOpen={onOpen}
      emptyText={search ? t('mail.search.empty') : t('mail.list.empty')}
      testId={search ? 'mail-search-results' : 'mail-list'}
      back={
        phone && (
          <ActionIcon variant="subtle" onClick={() => setStage('folders')} aria-label={t('mail.folders.title')} data-testid="mail-to-folders">
            <BackIcon size={18} />
          </ActionIcon>
        )
      }
      actions={
        <>
          {!search && folder?.role === 'trash' && folder.total > 0 && (
            <Button variant="light" color="red" size="xs" leftSection={<TrashIcon size={14} />} onClick={() => setConfirmEmpty(true)} data-testid="mail-empty-trash">
              {t('mail.read.emptyTrash')}
            </Button>
          )}
        </>
      }
    />
  );
  const readingPane = (
    <ReadingPane
      entryId={entryId}
      folders={all}
      onCompose={openCompose}
      onClose={() => {
        setEntryId(null);
        setStage('list');
      }}
      onBack={phone ? () => setStage('list') : undefined}
    />
  );
  const tree = <FolderTree folders={all} accounts={accounts.data ?? []} selectedId={search ? null : folderId} onSelect={chooseFolder} />;

  let body: React.ReactNode;
  if (phone) {
    body =
      stage === 'folders' ? (
        <Paper withBorder radius="md" h="100%" style={{ overflow: 'hidden' }}>
          <ScrollArea h="100%" p="xs" type="auto">
            {tree}
          </ScrollArea>
        </Paper>
      ) : stage === 'message' && entryId ? (
        readingPane
      ) : (
        listView
      );
  } else {
    body = (
      <Box style={{ display: 'flex', gap: 12, flex: 1, minHeight: 0 }}>
        <Paper withBorder radius="md" w={236} style={{ flexShrink: 0, overflow: 'hidden' }}>
          <ScrollArea h="100%" p="xs" type="auto">
            {tree}
          </ScrollArea>
        </Paper>
        <Box style={{ display: 'flex', flexDirection: pane === 'right' ? 'row' : 'column', gap: 12, flex: 1, minWidth: 0, minHeight: 0 }}>
          <Box style={pane === 'right' ? { width: 'clamp(300px, 34%, 440px)', flexShrink: 0, minHeight: 0 } : { height: '38%', minHeight: 180 }}>{listView}</Box>
          <Box style={{ flex: 1, minWidth: 0, minHeight: 0 }}>{readingPane}</Box>
        </Box>
      </Box>
    );
  }

  return (
    <Stack
      gap={0}
      h={`calc(100dvh - var(--app-shell-header-height, 56px) - 2 * var(--mantine-spacing-${phone ? 'md' : 'lg'}))`}
      mih={phone ? 420 : 480}
      data-testid="page-mail"
      data-stage={phone ? stage : 'all'}
    >
      <MailToolbar
        folders={all}
        search={search}
        onSearch={(p) => {
          setSearch(p);
          setEntryId(null);
          setStage('list');
        }}
        checking={folders.isFetching || list.isFetching}
        onCheck={check}
        pane={pane}
        onPane={setPane}
        onCompose={() => openCompose(blankCompose())}
        phone={phone}
      />
      <ErrorAlert error={openDraft.error} />
      <Box style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>{body}</Box>
      {compose && <ComposeModal key={compose.key} init={compose.init} onClose={() => setCompose(null)} onSent={() => setCompose(null)} />}
      <ConfirmModal
        opened={confirmEmpty}
        title={t('mail.read.emptyTrashTitle')}
        text={t('mail.read.emptyTrashText')}
        confirmLabel={t('mail.read.emptyTrash')}
        loading={emptyTrash.isPending}
        error={emptyTrash.error}
        onConfirm={() => emptyTrash.mutate()}
        onClose={() => setConfirmEmpty(false)}
      />
    </Stack>
  );
}
