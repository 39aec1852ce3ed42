import { useEffect, useState } from 'react';
import { Badge, Combobox, Group, Pill, PillsInput, Text, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Party } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';

interface Props {
  label: string;
  value: Party[];
  onChange: (parties: Party[]) => void;
  error?: boolean;
  testId: string;
  autoFocus?: boolean;
  /** Sending from an external account: e-mail addresses may be typed in as well. */
  allowAddresses?: boolean;
}

const keyOf = (p: Pick<Party, 'kind' | 'id'>) => `${p.kind}:${p.id}`;
const kindColor = { user: 'blue', group: 'grape', department: 'teal', external: 'gray' } as const;
const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;
const outside = (email: string): Party => ({ kind: 'external', id: email, name: email, email });

/**
 * Recipients picked by typing: people, groups and departments of the organisation (mail.recipients),
 * shown with their kind; from an external account also any e-mail address typed in.
 */
export function RecipientInput({ label, value, onChange, error, testId, autoFocus, allowAddresses }: Props) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 200);
  const found = useQuery({
    queryKey: keys.mailRecipients(q),
    queryFn: () => client.mail.recipients(q, 10).then((r) => r.items),
    enabled: combobox.dropdownOpened,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const chosen = new Set(value.map(keyOf));
  const typed = search.trim().toLowerCase();
  const address = allowAddresses && ADDRESS.test(typed) && !chosen.has(keyOf(outside(typed))) ? outside(typed) : null;
  const suggestions = (found.data ?? []).filter((p) => !chosen.has(keyOf(p)) && !(address && keyOf(p) === keyOf(address)));
  const options = address ? [address, ...suggestions] : suggestions;

  // the first suggestion is ready for Enter
  useEffect(() => {
    if (options.length) combobox.selectFirstOption();
  }, [found.data, q, address?.id]);

  const add = (k: string) => {
    const p = options.find((o) => keyOf(o) === k);
    if (p) onChange([...value, p]);
    setSearch('');
  };

  return (
    <Combobox store={combobox} onOptionSubmit={add} withinPortal position="bottom-start">
      <Combobox.DropdownTarget>
        <PillsInput label={label} onClick={() => combobox.openDropdown()} error={error} size="sm">
          <Pill.Group>
            {value.map((p) => (
              <Pill
                key={keyOf(p)}
                withRemoveButton
                onRemove={() => onChange(value.filter((v) => keyOf(v) !== keyOf(p)))}
                removeButtonProps={{ 'aria-label': t('mail.compose.removeRecipient', { name: p.name }) }}
                data-testid={`${testId}-pill`}
                data-kind={p.kind}
                bg={`var(--mantine-color-${kindColor[p.kind]}-light)`}
              >
                {p.name}
                {p.kind !== 'user' && ` · ${t(`mail.kind.${p.kind}`)}`}
              </Pill>
            ))}
            <Combobox.EventsTarget>
              <PillsInput.Field
                value={search}
                placeholder={value.length ? undefined : allowAddresses ? t('mail.compose.addressesPlaceholder') : t('mail.compose.recipientsPlaceholder')}
                autoFocus={autoFocus}
                onFocus={() => combobox.openDropdown()}
                onBlur={() => combobox.closeDropdown()}
                onChange={(e) => {
                  setSearch(e.currentTarget.value);
                  combobox.openDropdown();
                }}
                onKeyDown={(e) => {
                  if (e.key === 'Backspace' && search === '' && value.length) onChange(value.slice(0, -1));
                }}
                aria-label={label}
                data-testid={testId}
              />
            </Combobox.EventsTarget>
          </Pill.Group>
        </PillsInput>
      </Combobox.DropdownTarget>
      <Combobox.Dropdown>
        <Combobox.Options mah={260} style={{ overflowY: 'auto' }}>
          {options.length === 0 ? (
            <Combobox.Empty>{found.isFetching ? t('common.loading') : t('common.nothingFound')}</Combobox.Empty>
          ) : (
            options.map((p) => (
              <Combobox.Option value={keyOf(p)} key={keyOf(p)} data-testid="recipient-option">
                <Group gap="xs" wrap="nowrap" justify="space-between">
                  <div style={{ minWidth: 0 }}>
                    <Text size="sm" truncate>
                      {p.name}
                    </Text>
                    {p.email && p.email !== p.name && (
                      <Text size="xs" c="dimmed" truncate>
                        {p.email}
                      </Text>
                    )}
                  </div>
                  <Badge size="sm" variant="light" color={kindColor[p.kind]} style={{ flexShrink: 0 }}>
                    {t(`mail.kind.${p.kind}`)}
                  </Badge>
                </Group>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
