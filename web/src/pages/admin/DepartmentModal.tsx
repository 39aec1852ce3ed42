import { useState } from 'react';
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Department } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

export type DepartmentEdit = { mode: 'create'; parentId: string | null } | { mode: 'edit'; dept: Department; subtree: Set<string> };

/** Create a department, or rename and move one (it cannot move under itself or its descendants). */
export function DepartmentModal({ edit, onClose }: { edit: DepartmentEdit; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(edit.mode === 'edit' ? edit.dept.name : '');
  const [parentId, setParentId] = useState<string | null>(edit.mode === 'edit' ? edit.dept.parentId : edit.parentId);

  const save = useMutation({
    mutationFn: () => {
      if (edit.mode === 'create') return client.departments.create({ name: name.trim(), parentId });
      const patch: { name?: string; parentId?: string | null } = {};
      if (name.trim() !== edit.dept.name) patch.name = name.trim();
      if (parentId !== edit.dept.parentId) patch.parentId = parentId;
      return client.departments.update(edit.dept.id, patch);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.departments });
      void qc.invalidateQueries({ queryKey: keys.users });
      onClose();
    },
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={edit.mode === 'create' ? t('departments.createTitle') : t('departments.editTitle')}
      data-testid="department-modal"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('departments.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={failedField(save.error, 'name')}
            required
            data-autofocus
            data-testid="department-name"
          />
          <DepartmentSelect
            label={t('departments.parent')}
            emptyLabel={t('departments.topLevel')}
            value={parentId}
            onChange={setParentId}
            exclude={edit.mode === 'edit' ? edit.subtree : undefined}
            testId="department-parent"
          />
          <ErrorAlert error={save.error} testId="department-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()} data-testid="department-submit">
              {edit.mode === 'create' ? t('common.create') : t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
