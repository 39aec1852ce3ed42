import { useState } from 'react';
import { Button, Group as Row, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Group } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { MemberSelect } from './MemberSelect.tsx';

/** Create a group (group = null) or rename one and set its members. */
export function GroupModal({ group, onClose }: { group: Group | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(group?.name ?? '');
  const [memberIds, setMemberIds] = useState<string[]>(group?.memberIds ?? []);

  const save = useMutation({
    mutationFn: () =>
      group
        ? client.groups.update(group.id, { name: name.trim(), memberIds })
        : client.groups.create({ name: name.trim(), memberIds }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.groups });
      onClose();
    },
  });

  return (
    <Modal opened onClose={onClose} title={group ? t('groups.editTitle') : t('groups.createTitle')} size="lg" data-testid="group-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('groups.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={failedField(save.error, 'name')}
            required
            data-autofocus
            data-testid="group-name"
          />
          <MemberSelect value={memberIds} onChange={setMemberIds} error={failedField(save.error, 'memberIds')} />
          <ErrorAlert error={save.error} testId="group-error" />
          <Row justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()} data-testid="group-submit">
              {group ? t('common.save') : t('common.create')}
            </Button>
          </Row>
        </Stack>
      </form>
    </Modal>
  );
}
