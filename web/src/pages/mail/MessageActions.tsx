import { useState } from 'react';
import { Button, Group, Menu } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MailFolder, MailMessage } from '@mailroom/sdk';
import { useFormatDateTime } from '../../app/format.ts';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/session.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CopyIcon, FlagIcon, ForwardIcon, MoveIcon, ReplyAllIcon, ReplyIcon, TrashIcon, UnreadIcon } from '../../components/MailIcons.tsx';
import { forwardCompose, replyCompose, type ComposeInit } from './compose.ts';
import { flattenFolders, folderName, folderTree } from './folders.ts';

interface Props {
  message: MailMessage;
  folders: MailFolder[];
  onCompose: (init: ComposeInit) => void;
  /** The message left the folder (moved or deleted): close it. */
  onGone: () => void;
  /** In a narrow pane the secondary actions show only their icons (the name is the tooltip and the label). */
  compact?: boolean;
}

/** Reply, reply all, forward, mark unread, flag, move, copy and delete. */
export function MessageActions({ message: m, folders, onCompose, onGone, compact = false }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const me = useMe();
  const fmt = useFormatDateTime();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const inTrash = folders.find((f) => f.id === m.folderId)?.role === 'trash';
  const refresh = () => void qc.invalidateQueries({ queryKey: keys.mail });

  const update = useMutation({
    mutationFn: (patch: { seen?: boolean; flagged?: boolean }) => client.mail.update(m.id, patch),
    onSuccess: (msg) => {
      qc.setQueryData(keys.mailEntry(m.id), msg);
      refresh();
    },
  });
  const move = useMutation({
    mutationFn: (folderId: string) => client.mail.move([m.id], folderId),
    onSuccess: () => {
      refresh();
      onGone();
    },
  });
  const copy = useMutation({ mutationFn: (folderId: string) => client.mail.copy([m.id], folderId), onSuccess: refresh });
  const remove = useMutation({
    mutationFn: () => client.mail.remove([m.id]),
    onSuccess: () => {
      setConfirmDelete(false);
      refresh();
      onGone();
    },
  });

  /** Label and icon of a secondary button: both, or only the icon when compact. */
  const look = (label: string, icon: React.ReactNode) =>
    compact ? { children: icon, 'aria-label': label, title: label, px: 8 } : { children: label, leftSection: icon };
  const targets = flattenFolders(folderTree(folders)).filter((n) => n.folder.role !== 'drafts');
  const folderMenu = (label: string, icon: React.ReactNode, testId: string, onPick: (id: string) => void, exclude?: string) => (
    <Menu position="bottom-start" withinPortal shadow="md">
      <Menu.Target>
        <Button size="xs" variant="default" data-testid={testId} {...look(label, icon)} />
      </Menu.Target>
      <Menu.Dropdown data-testid={`${testId}-menu`}>
        {targets
          .filter((n) => n.folder.id !== exclude)
          .map((n) => (
            <Menu.Item key={n.folder.id} onClick={() => onPick(n.folder.id)} pl={12 + n.depth * 14} data-testid="mail-target-folder" data-role={n.folder.role ?? 'own'}>
              {folderName(t, n.folder)}
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );

  return (
    <>
      <Group gap={6} wrap="wrap" data-testid="mail-actions">
        {!m.isDraft && (
          <>
            <Button size="xs" leftSection={<ReplyIcon size={16} />} onClick={() => onCompose(replyCompose(t, m, me.id, false, fmt(m.sentAt)))} data-testid="mail-reply">
              {t('mail.read.reply')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => onCompose(replyCompose(t, m, me.id, true, fmt(m.sentAt)))}
              data-testid="mail-reply-all"
              {...look(t('mail.read.replyAll'), <ReplyAllIcon size={16} />)}
            />
            <Button size="xs" variant="default" onClick={() => onCompose(forwardCompose(t, m, fmt(m.sentAt)))} data-testid="mail-forward" {...look(t('mail.read.forward'), <ForwardIcon size={16} />)} />
          </>
        )}
        <Button
          size="xs"
          variant="default"
          onClick={() => update.mutate({ seen: false })}
          disabled={!m.seen}
          data-testid="mail-mark-unread"
          {...look(t('mail.read.markUnread'), <UnreadIcon size={16} />)}
        />
        <Button
          size="xs"
          variant={m.flagged ? 'light' : 'default'}
          color={m.flagged ? 'red' : undefined}
          onClick={() => update.mutate({ flagged: !m.flagged })}
          aria-pressed={m.flagged}
          data-testid="mail-flag"
          {...look(m.flagged ? t('mail.read.unflag') : t('mail.read.flag'), <FlagIcon size={16} filled={m.flagged} />)}
        />
        {folderMenu(t('mail.read.move'), <MoveIcon size={16} />, 'mail-move', (id) => move.mutate(id), m.folderId)}
        {folderMenu(t('mail.read.copy'), <CopyIcon size={16} />, 'mail-copy', (id) => copy.mutate(id))}
        <Button
          size="xs"
          variant="light"
          color="red"
          onClick={() => (inTrash ? setConfirmDelete(true) : remove.mutate())}
          loading={remove.isPending && !confirmDelete}
          data-testid="mail-delete"
          {...look(inTrash ? t('mail.read.deleteForever') : t('common.delete'), <TrashIcon size={16} />)}
        />
      </Group>
      <ErrorAlert error={update.error ?? move.error ?? copy.error ?? (confirmDelete ? null : remove.error)} testId="mail-action-error" />
      {copy.isSuccess && (
        <Group gap={4} c="teal.8" fz="sm" data-testid="mail-copied">
          {t('mail.read.copied')}
        </Group>
      )}
      <ConfirmModal
        opened={confirmDelete}
        title={t('mail.read.deleteForeverTitle')}
        text={t('mail.read.deleteForeverText')}
        confirmLabel={t('mail.read.deleteForever')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => setConfirmDelete(false)}
      />
    </>
  );
}
