import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Account } from '@mailroom/sdk';
import { useMe } from '../../api/session.ts';

interface Props {
  accounts: Account[];
  /** The chosen account; null: internal mail. */
  value: string | null;
  onChange: (accountId: string | null) => void;
}

const INTERNAL = 'internal';

/** Whom a message is from: internal mail (the default) or one of my external accounts. */
export function FromSelect({ accounts, value, onChange }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Select
      label={t('mail.compose.from')}
      value={value ?? INTERNAL}
      onChange={(v) => onChange(v && v !== INTERNAL ? v : null)}
      data={[
        { value: INTERNAL, label: t('mail.compose.fromInternal', { name: me.name }) },
        ...accounts.map((a) => ({ value: a.id, label: `${a.displayName || a.name} <${a.email}>` })),
      ]}
      allowDeselect={false}
      size="sm"
      data-testid="compose-from"
    />
  );
}
