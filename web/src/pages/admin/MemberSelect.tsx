import { useMemo, useState } from 'react';
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { useUsersByIds } from '../../api/users.ts';

interface Props {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: boolean;
  /** The field's label and test id: a group's members unless told. */
  label?: string;
  testId?: string;
}

const optionLabel = (u: { name: string; login: string }) => `${u.name} (${u.login})`;

/**
 * Pick users by typing a name, login or department: the server searches (users.list q=),
 * and the chosen ones keep their names even when they are not among the search results.
 */
export function MemberSelect({ value, onChange, error, label, testId = 'group-members' }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);

  const found = useQuery({
    queryKey: keys.userSearch(q),
    queryFn: async () => {
      const page = await client.users.list({ q: q || undefined, limit: 20 });
      for (const u of page.items) qc.setQueryData(keys.user(u.id), u);
      return page.items;
    },
    placeholderData: keepPreviousData,
  });

  const chosen = useUsersByIds(value);

  const data = useMemo(() => {
    const options = new Map<string, string>();
    for (const id of value) {
      const u = chosen.data?.get(id);
      options.set(id, u ? optionLabel(u) : chosen.isPending ? t('common.loading') : t('groups.unknownMember'));
    }
    for (const u of found.data ?? []) if (!options.has(u.id)) options.set(u.id, optionLabel(u));
    return [...options].map(([v, l]) => ({ value: v, label: l }));
  }, [value, chosen.data, chosen.isPending, found.data, t]);

  return (
    <MultiSelect
      label={label ?? t('groups.members')}
      placeholder={t('groups.membersSearch')}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      hidePickedOptions
      clearable
      error={error}
      nothingFoundMessage={found.isFetching ? t('common.loading') : t('common.nothingFound')}
      maxDropdownHeight={260}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
