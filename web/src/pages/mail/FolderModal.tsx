import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MailFolder } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { flattenFolders, folderName, folderSubtree, folderTree } from './folders.ts';

interface Props {
  folders: MailFolder[];
  /** The folder to rename or move; null to create one. */
  folder: MailFolder | null;
  parentId: string | null;
  onClose: () => void;
}

const TOP = '';

/** Create one's own folder (at the top or inside another folder), or rename and move one. */
export function FolderModal({ folders, folder, parentId: initialParent, onClose }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(folder?.name ?? '');
  const [parentId, setParentId] = useState<string>(initialParent ?? TOP);

  const nodes = flattenFolders(folderTree(folders));
  const self = folder ? nodes.find((n) => n.folder.id === folder.id) : undefined;
  const excluded = self ? folderSubtree(self) : new Set<string>();
  const options = [
    { value: TOP, label: t('mail.folders.topLevel') },
    ...nodes.filter((n) => !excluded.has(n.folder.id) && n.folder.role !== 'trash' && !n.folder.accountId).map((n) => ({ value: n.folder.id, label: `${'— '.repeat(n.depth)}${folderName(t, n.folder)}` })),
  ];

  const save = useMutation({
    mutationFn: () => {
      const parent = parentId === TOP ? null : parentId;
      if (!folder) return client.mail.createFolder({ name: name.trim(), parentId: parent });
      const patch: { name?: string; parentId?: string | null } = {};
      if (name.trim() !== folder.name) patch.name = name.trim();
      if (parent !== folder.parentId) patch.parentId = parent;
      return client.mail.updateFolder(folder.id, patch);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.mailFolders });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={folder ? t('mail.folders.renameTitle') : t('mail.folders.createTitle')} data-testid="mail-folder-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('mail.folders.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={failedField(save.error, 'name')}
            required
            data-autofocus
            data-testid="mail-folder-name"
          />
          <Select
            label={t('mail.folders.parent')}
            data={options}
            value={parentId}
            onChange={(v) => setParentId(v ?? TOP)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="mail-folder-parent"
          />
          <ErrorAlert error={save.error} testId="mail-folder-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()} data-testid="mail-folder-submit">
              {folder ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
