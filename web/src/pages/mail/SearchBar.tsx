import { useState } from 'react';
import { ActionIcon, Button, Checkbox, Group, Indicator, Popover, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailFolder } from '@mailroom/sdk';
import type { SearchParams } from '../../api/mail.ts';
import { SearchIcon } from '../../components/Icons.tsx';
import { FilterIcon } from '../../components/MailIcons.tsx';
import { flattenFolders, folderName, folderTree } from './folders.ts';

interface Props {
  folders: MailFolder[];
  active: SearchParams | null;
  onSearch: (params: SearchParams | null) => void;
}

type Filters = Omit<SearchParams, 'q'>;
const ALL = '';

/** The search box of the mail screen, with folder, date, attachment, importance and unread filters in a popover. */
export function SearchBar({ folders, active, onSearch }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState(active?.q ?? '');
  const [filters, setFilters] = useState<Filters>({});
  const [opened, setOpened] = useState(false);
  const count = Object.values(filters).filter((v) => v !== undefined && v !== '').length;

  const run = (f: Filters = filters) => {
    const params: SearchParams = { q: q.trim(), ...Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) };
    onSearch(params.q || Object.keys(params).length > 1 ? params : null);
  };
  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }));
  const folderOptions = [
    { value: ALL, label: t('mail.search.anyFolder') },
    ...flattenFolders(folderTree(folders)).map((n) => ({ value: n.folder.id, label: `${'— '.repeat(n.depth)}${folderName(t, n.folder)}` })),
  ];

  return (
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        run();
      }}
      style={{ flex: 1, minWidth: 0, maxWidth: 560 }}
    >
      <Group gap={6} wrap="nowrap">
        <TextInput
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          placeholder={t('mail.search.placeholder')}
          aria-label={t('mail.search.placeholder')}
          leftSection={<SearchIcon size={16} />}
          style={{ flex: 1, minWidth: 0 }}
          data-testid="mail-search"
        />
        <Popover opened={opened} onChange={setOpened} position="bottom-end" withinPortal shadow="md" width={300}>
          <Popover.Target>
            <Indicator label={count} size={16} disabled={!count} offset={4}>
              <ActionIcon variant="default" size="lg" onClick={() => setOpened((o) => !o)} aria-label={t('mail.search.filters')} data-testid="mail-search-filters">
                <FilterIcon size={18} />
              </ActionIcon>
            </Indicator>
          </Popover.Target>
          <Popover.Dropdown data-testid="mail-search-popover">
            <Stack gap="sm">
              <Select
                label={t('mail.search.folder')}
                data={folderOptions}
                value={filters.folderId ?? ALL}
                onChange={(v) => set({ folderId: v || undefined })}
                allowDeselect={false}
                comboboxProps={{ withinPortal: false }}
                data-testid="mail-search-folder"
              />
              <Group grow gap="xs">
                <TextInput type="date" label={t('mail.search.since')} value={filters.since ?? ''} onChange={(e) => set({ since: e.currentTarget.value || undefined })} data-testid="mail-search-since" />
                <TextInput type="date" label={t('mail.search.until')} value={filters.until ?? ''} onChange={(e) => set({ until: e.currentTarget.value || undefined })} data-testid="mail-search-until" />
              </Group>
              <Checkbox label={t('mail.search.hasAttachment')} checked={!!filters.hasAttachment} onChange={(e) => set({ hasAttachment: e.currentTarget.checked || undefined })} data-testid="mail-search-attachment" />
              <Checkbox
                label={t('mail.search.highOnly')}
                checked={filters.importance === 'high'}
                onChange={(e) => set({ importance: e.currentTarget.checked ? 'high' : undefined })}
                data-testid="mail-search-important"
              />
              <Checkbox label={t('mail.search.unreadOnly')} checked={!!filters.unread} onChange={(e) => set({ unread: e.currentTarget.checked || undefined })} data-testid="mail-search-unread" />
              <Group justify="space-between">
                <Button
                  variant="subtle"
                  size="xs"
                  onClick={() => {
                    setFilters({});
                    setQ('');
                    onSearch(null);
                    setOpened(false);
                  }}
                  data-testid="mail-search-clear"
                >
                  {t('mail.search.clear')}
                </Button>
                <Button
                  size="xs"
                  onClick={() => {
                    run();
                    setOpened(false);
                  }}
                  data-testid="mail-search-apply"
                >
                  {t('common.search')}
                </Button>
              </Group>
            </Stack>
          </Popover.Dropdown>
        </Popover>
      </Group>
    </form>
  );
}
