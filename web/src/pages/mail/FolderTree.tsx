import { useState } from 'react';
import { ActionIcon, Box, Button, Group, Menu, NavLink, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Account, MailFolder } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { PlusIcon } from '../../components/Icons.tsx';
import { ArchiveIcon, DotsIcon, DraftIcon, FolderIcon, InboxIcon, JunkIcon, SendIcon, TrashIcon } from '../../components/MailIcons.tsx';
import { AccountStatusIcon } from './AccountStatusIcon.tsx';
import { FolderModal } from './FolderModal.tsx';
import { folderName, folderTree, shownRole, withAccounts, type ShownRole } from './folders.ts';

interface Props {
  folders: MailFolder[];
  /** External accounts: each one's folders sit under its top folder. */
  accounts: Account[];
  selectedId: string | null;
  onSelect: (folderId: string) => void;
}

const roleIcon = (role: ShownRole | null) => {
  switch (role) {
    case 'inbox': return <InboxIcon />;
    case 'sent': return <SendIcon />;
    case 'drafts': return <DraftIcon />;
    case 'archive': return <ArchiveIcon />;
    case 'junk': return <JunkIcon />;
    case 'trash': return <TrashIcon />;
    default: return <FolderIcon />;
  }
};

/**
 * The folder tree: system folders by role, own folders nested, then each external account's tree
 * (its top folder shows the account's state; its folders mirror the server's, are named and ordered
 * by their role like my own system folders, and have no menu);
 * unread (or, in Sent, awaiting read) counts in bold.
 */
export function FolderTree({ folders, accounts, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<{ folder: MailFolder | null; parentId: string | null } | null>(null);
  const [deleting, setDeleting] = useState<MailFolder | null>(null);

  const remove = useMutation({
    mutationFn: (f: MailFolder) => client.mail.deleteFolder(f.id),
    onSuccess: (_r, f) => {
      setDeleting(null);
      if (selectedId === f.id) onSelect(folders.find((x) => x.role === 'inbox')?.id ?? '');
      void qc.invalidateQueries({ queryKey: keys.mail });
    },
  });

  const { nodes, tops } = withAccounts(folderTree(folders), accounts);
  return (
    <Stack gap={2} data-testid="mail-folders">
      <Group justify="space-between" px={6} mb={4} wrap="nowrap">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {t('mail.folders.title')}
        </Text>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<PlusIcon size={14} />}
          onClick={() => setEditing({ folder: null, parentId: null })}
          data-testid="mail-folder-create"
        >
          {t('mail.folders.create')}
        </Button>
      </Group>
      {nodes.map(({ folder: f, depth }) => {
        const role = shownRole(f);
        const count = role === 'sent' ? f.awaitingRead : role === 'drafts' ? f.total : f.unread;
        const countLabel = role === 'sent' ? t('mail.folders.awaitingCount', { count }) : role === 'drafts' ? t('mail.folders.totalCount', { count }) : t('mail.folders.unreadCount', { count });
        return (
          <Group key={f.id} gap={0} wrap="nowrap" pl={depth * 14} className="mail-folder-row">
            <NavLink
              component="button"
              type="button"
              label={folderName(t, f)}
              leftSection={tops.has(f.id) ? <AccountStatusIcon account={tops.get(f.id)!} /> : roleIcon(role)}
              rightSection={
                count > 0 ? (
                  <Text size="sm" fw={role === 'drafts' ? 400 : 700} c={role === 'drafts' ? 'dimmed' : undefined} aria-label={countLabel} data-testid="mail-folder-count">
                    {count}
                  </Text>
                ) : null
              }
              active={selectedId === f.id}
              onClick={() => onSelect(f.id)}
              fw={f.unread > 0 && role !== 'drafts' ? 700 : undefined}
              style={{ borderRadius: 8, flex: 1, minWidth: 0 }}
              data-testid="mail-folder"
              data-role={f.role ?? (f.accountId ? 'account' : 'own')}
              data-account-role={f.accountRole ?? undefined}
              data-name={f.name}
              data-unread={f.unread}
            />
            {!f.role && !f.accountId ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" color="gray" aria-label={t('mail.folders.actions')} data-testid="mail-folder-menu">
                    <DotsIcon size={16} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => setEditing({ folder: f, parentId: f.parentId })} data-testid="mail-folder-rename">
                    {t('mail.folders.rename')}
                  </Menu.Item>
                  <Menu.Item onClick={() => setEditing({ folder: null, parentId: f.id })} data-testid="mail-folder-add-child">
                    {t('mail.folders.addChild')}
                  </Menu.Item>
                  <Menu.Item color="red" onClick={() => setDeleting(f)} data-testid="mail-folder-delete">
                    {t('common.delete')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : (
              <Box w={28} />
            )}
          </Group>
        );
      })}
      {editing && <FolderModal folders={folders} folder={editing.folder} parentId={editing.parentId} onClose={() => setEditing(null)} />}
      <ConfirmModal
        opened={!!deleting}
        title={t('mail.folders.deleteTitle')}
        text={t('mail.folders.deleteText', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </Stack>
  );
}
