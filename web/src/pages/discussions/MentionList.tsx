import { Paper, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Person } from './PeoplePicker.tsx';

/** Suggestions for "@…" above the composer; arrows move, Enter or Tab picks, Escape closes. */
export function MentionList({ options, active, onPick }: { options: Person[]; active: number; onPick: (p: Person) => void }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      shadow="md"
      radius="md"
      p={4}
      role="listbox"
      aria-label={t('discussions.composer.mentions')}
      data-testid="mention-list"
      style={{ position: 'absolute', bottom: '100%', left: 0, marginBottom: 6, minWidth: 240, maxWidth: '100%', zIndex: 20 }}
    >
      {options.map((p, i) => (
        <UnstyledButton
          key={p.id}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(p);
          }}
          data-testid="mention-option"
          data-user-id={p.id}
          style={{ display: 'block', width: '100%', padding: '4px 8px', borderRadius: 6, background: i === active ? 'var(--mantine-color-blue-light)' : undefined }}
        >
          <Text size="sm">@{p.name}</Text>
        </UnstyledButton>
      ))}
    </Paper>
  );
}
