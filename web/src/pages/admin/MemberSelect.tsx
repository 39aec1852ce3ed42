import { useMemo, useState } from 'react';
import { MultiSelect } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';

interface Props {
  value: string[];
  onChange: (ids: string[]) => void;
  error?: boolean;
}

const label = (u: { name: string; login: string }) => `${u.name} (${u.login})`;

/**
 * Pick users by typing a name, login or department: the server searches (users.list q=),
 * and the chosen ones keep their names even when they are not among the search results.
 */
export function MemberSelect({ value, onChange, error }: Props) {
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

  const chosen = useQueries({
    queries: value.map((id) => ({ queryKey: keys.user(id), queryFn: () => client.users.get(id), staleTime: 5 * 60_000, retry: false })),
  });

  const data = useMemo(() => {
    const options = new Map<string, string>();
    value.forEach((id, i) => {
      const q = chosen[i];
      options.set(id, q?.data ? label(q.data) : q?.isPending ? t('common.loading') : t('groups.unknownMember'));
    });
    for (const u of found.data ?? []) if (!options.has(u.id)) options.set(u.id, label(u));
    return [...options].map(([v, l]) => ({ value: v, label: l }));
  }, [value, chosen, found.data, t]);

  return (
    <MultiSelect
      label={t('groups.members')}
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
      data-testid="group-members"
    />
  );
}
