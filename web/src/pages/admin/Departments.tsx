import { useMemo, useState } from 'react';
import { Button, Card, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client.ts';
import { buildTree, flatten, subtreeIds, useDepartments, type DepartmentNode } from '../../api/departments.ts';
import { keys } from '../../api/keys.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PlusIcon } from '../../components/Icons.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DepartmentModal, type DepartmentEdit } from './DepartmentModal.tsx';
import { DepartmentRow } from './DepartmentRow.tsx';

export default function Departments() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useDepartments();
  const rows = useMemo(() => flatten(buildTree(list.data ?? [])), [list.data]);
  const [edit, setEdit] = useState<DepartmentEdit | null>(null);
  const [deleting, setDeleting] = useState<DepartmentNode | null>(null);

  const remove = useMutation({
    mutationFn: (n: DepartmentNode) => client.departments.remove(n.dept.id),
    onSuccess: () => {
      setDeleting(null);
      void qc.invalidateQueries({ queryKey: keys.departments });
      void qc.invalidateQueries({ queryKey: keys.users });
    },
  });

  return (
    <Stack maw={1100} data-testid="page-admin-departments">
      <PageHeader
        title={t('departments.title')}
        hint={t('departments.hint')}
        actions={
          <Button leftSection={<PlusIcon />} onClick={() => setEdit({ mode: 'create', parentId: null })} data-testid="department-create-open">
            {t('departments.create')}
          </Button>
        }
      />
      <ErrorAlert error={list.error} />
      <Card withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
        {list.isPending ? (
          <Loading />
        ) : rows.length === 0 ? (
          <Text c="dimmed" ta="center" py="xl" data-testid="departments-empty">
            {t('departments.empty')}
          </Text>
        ) : (
          <div data-testid="departments-tree" style={{ marginTop: -1 }}>
            {rows.map((node) => (
              <DepartmentRow
                key={node.dept.id}
                node={node}
                onAddChild={(n) => setEdit({ mode: 'create', parentId: n.dept.id })}
                onEdit={(n) => setEdit({ mode: 'edit', dept: n.dept, subtree: subtreeIds(n) })}
                onDelete={setDeleting}
              />
            ))}
          </div>
        )}
      </Card>
      {edit && <DepartmentModal edit={edit} onClose={() => setEdit(null)} />}
      <ConfirmModal
        opened={!!deleting}
        title={t('departments.deleteTitle')}
        text={t('departments.deleteText', { name: deleting?.path ?? '' })}
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
