import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Discussion } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { storeDiscussion } from '../../api/discussionCache.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/** A group's creator renames it (the title then shows as renamed). */
export function RenameModal({ discussion, onClose }: { discussion: Discussion; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [title, setTitle] = useState(discussion.title);
  const save = useMutation({
    mutationFn: () => client.discussions.update(discussion.id, { title: title.trim() }),
    onSuccess: (d) => {
      storeDiscussion(qc, d);
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={t('discussions.rename.title')} data-testid="rename-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (title.trim()) save.mutate();
        }}
      >
        <Stack>
          <TextInput label={t('discussions.rename.label')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} data-autofocus data-testid="rename-input" />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!title.trim()} data-testid="rename-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
