import { useState } from 'react';
import { Box, Group, Pill, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { usePresenceOf } from '../../api/presence.ts';
import { CheckIcon, SearchIcon } from '../../components/Icons.tsx';
import { PresenceDot } from '../../components/PresenceDot.tsx';

export interface Person {
  id: string;
  name: string;
}

interface Props {
  value: Person[];
  /** Several people (pills above the search), or one: `onPick` at the first click. */
  onChange?: (people: Person[]) => void;
  onPick?: (p: Person) => void;
  exclude?: string[];
  testId: string;
  autoFocus?: boolean;
}

/** Finds people by name, login or department (GET /users?q=), with their presence. */
export function PeoplePicker({ value, onChange, onPick, exclude = [], testId, autoFocus }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const found = useQuery({
    queryKey: keys.peopleSearch(q),
    queryFn: () => client.users.list({ q: q || undefined, limit: 20 }).then((r) => r.items.filter((u) => u.active)),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const people = (found.data ?? []).filter((u) => !exclude.includes(u.id));
  const presence = usePresenceOf(people.map((u) => u.id));
  const chosen = new Set(value.map((p) => p.id));

  const choose = (p: Person) => {
    if (onPick) return onPick(p);
    onChange?.(chosen.has(p.id) ? value.filter((v) => v.id !== p.id) : [...value, p]);
  };

  return (
    <Stack gap={6}>
      {onChange && value.length > 0 && (
        <Group gap={4}>
          {value.map((p) => (
            <Pill
              key={p.id}
              withRemoveButton
              onRemove={() => onChange(value.filter((v) => v.id !== p.id))}
              removeButtonProps={{ 'aria-label': t('discussions.people.remove', { name: p.name }) }}
              data-testid={`${testId}-pill`}
            >
              {p.name}
            </Pill>
          ))}
        </Group>
      )}
      <TextInput
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        leftSection={<SearchIcon size={16} />}
        placeholder={t('discussions.people.search')}
        aria-label={t('discussions.people.search')}
        autoFocus={autoFocus}
        data-testid={`${testId}-search`}
      />
      <ScrollArea.Autosize mah={260} type="auto">
        {people.map((u) => {
          const on = chosen.has(u.id);
          return (
            <UnstyledButton
              key={u.id}
              onClick={() => choose({ id: u.id, name: u.name })}
              data-testid={`${testId}-option`}
              data-chosen={on}
              aria-pressed={onChange ? on : undefined}
              style={{ display: 'block', width: '100%', padding: '6px 8px', borderRadius: 6, background: on ? 'var(--mantine-color-blue-light)' : undefined }}
            >
              <Group gap={10} wrap="nowrap">
                <PresenceDot status={presence[u.id]} />
                <Box style={{ flex: 1, minWidth: 0 }}>
                  <Text size="sm" truncate>
                    {u.name}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {u.login}
                    {u.departmentName ? ` · ${u.departmentName}` : ''}
                  </Text>
                </Box>
                {on && <CheckIcon size={16} />}
              </Group>
            </UnstyledButton>
          );
        })}
        {!people.length && !found.isFetching && (
          <Text size="sm" c="dimmed" py="xs" data-testid={`${testId}-empty`}>
            {t('discussions.people.empty')}
          </Text>
        )}
      </ScrollArea.Autosize>
    </Stack>
  );
}
