import { useMemo } from 'react';
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { buildTree, flatten, useDepartments } from '../api/departments.ts';

interface Props {
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  /** Shown when nothing is chosen, e.g. "No department" or "Top level". */
  emptyLabel: string;
  /** Departments that may not be chosen (a department cannot move under itself). */
  exclude?: Set<string>;
  testId?: string;
}

/** Pick a department by its full path ("Company / Sales / Export"); clearing it means none. */
export function DepartmentSelect({ value, onChange, label, emptyLabel, exclude, testId = 'department-select' }: Props) {
  const { t } = useTranslation();
  const { data, isLoading } = useDepartments();
  const options = useMemo(
    () => flatten(buildTree(data ?? [])).filter((n) => !exclude?.has(n.dept.id)).map((n) => ({ value: n.dept.id, label: n.path })),
    [data, exclude],
  );
  return (
    <Select
      label={label}
      placeholder={isLoading ? t('common.loading') : emptyLabel}
      data={options}
      value={value}
      onChange={(v) => onChange(v || null)}
      searchable
      clearable
      nothingFoundMessage={t('common.nothingFound')}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
