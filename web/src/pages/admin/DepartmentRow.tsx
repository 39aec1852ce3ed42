import { ActionIcon, Badge, Box, Button, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DepartmentNode } from '../../api/departments.ts';
import { DepartmentsIcon, PlusIcon } from '../../components/Icons.tsx';

interface Props {
  node: DepartmentNode;
  onAddChild: (node: DepartmentNode) => void;
  onEdit: (node: DepartmentNode) => void;
  onDelete: (node: DepartmentNode) => void;
}

/** One department in the tree, indented by its depth, with its actions. */
export function DepartmentRow({ node, onAddChild, onEdit, onDelete }: Props) {
  const { t } = useTranslation();
  const { dept, depth } = node;
  return (
    <Group
      justify="space-between"
      wrap="wrap"
      gap="xs"
      py="xs"
      pr="md"
      pl={`calc(var(--mantine-spacing-md) + ${depth} * 1.5rem)`}
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      data-testid="department-row"
      data-name={dept.name}
      data-depth={depth}
    >
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <Box c={depth === 0 ? 'blue' : 'gray'} style={{ display: 'flex' }}>
          <DepartmentsIcon size={16} />
        </Box>
        <Text size="sm" fw={depth === 0 ? 600 : 500} truncate>
          {dept.name}
        </Text>
        <Badge variant="light" color="gray" size="sm" style={{ flexShrink: 0 }}>
          {t('departments.members', { count: dept.memberCount })}
        </Badge>
      </Group>
      <Group gap={6} wrap="nowrap">
        <Tooltip label={t('departments.addChild')} withArrow>
          <ActionIcon variant="subtle" aria-label={t('departments.addChild')} onClick={() => onAddChild(node)} data-testid="department-add-child">
            <PlusIcon size={16} />
          </ActionIcon>
        </Tooltip>
        <Button size="xs" variant="default" onClick={() => onEdit(node)} data-testid="department-edit">
          {t('common.edit')}
        </Button>
        <Button size="xs" variant="subtle" color="red" onClick={() => onDelete(node)} data-testid="department-delete">
          {t('common.delete')}
        </Button>
      </Group>
    </Group>
  );
}
