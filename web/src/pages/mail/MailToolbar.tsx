import { ActionIcon, Box, Button, Group, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailFolder } from '@mailroom/sdk';
import type { SearchParams } from '../../api/mail.ts';
import { PlusIcon } from '../../components/Icons.tsx';
import { PaneBelowIcon, PaneRightIcon, RefreshIcon } from '../../components/MailIcons.tsx';
import { SearchBar } from './SearchBar.tsx';

export type PanePosition = 'right' | 'below';

interface Props {
  folders: MailFolder[];
  search: SearchParams | null;
  onSearch: (p: SearchParams | null) => void;
  checking: boolean;
  onCheck: () => void;
  pane: PanePosition;
  onPane: (p: PanePosition) => void;
  onCompose: () => void;
  phone: boolean;
}

/** Title, search, "check mail", the reading pane toggle and "write". */
export function MailToolbar({ folders, search, onSearch, checking, onCheck, pane, onPane, onCompose, phone }: Props) {
  const { t } = useTranslation();
  const next: PanePosition = pane === 'right' ? 'below' : 'right';
  const paneLabel = next === 'below' ? t('mail.paneBelow') : t('mail.paneRight');
  return (
    <Group justify="space-between" wrap={phone ? 'wrap' : 'nowrap'} gap="sm" mb="sm">
      <Group gap="sm" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
        <Title order={2} size="h3" data-testid="section-title" style={{ flexShrink: 0 }}>
          {t('mail.title')}
        </Title>
        {!phone && <SearchBar folders={folders} active={search} onSearch={onSearch} />}
      </Group>
      <Group gap={6} wrap="nowrap">
        <Tooltip label={t('mail.checkMail')}>
          <ActionIcon variant="default" size="lg" onClick={onCheck} loading={checking} aria-label={t('mail.checkMail')} data-testid="mail-check">
            <RefreshIcon size={18} />
          </ActionIcon>
        </Tooltip>
        {!phone && (
          <Tooltip label={paneLabel}>
            <ActionIcon variant="default" size="lg" onClick={() => onPane(next)} aria-label={paneLabel} data-testid="mail-pane-toggle" data-pane={pane}>
              {pane === 'right' ? <PaneBelowIcon size={18} /> : <PaneRightIcon size={18} />}
            </ActionIcon>
          </Tooltip>
        )}
        <Button leftSection={<PlusIcon size={16} />} onClick={onCompose} data-testid="mail-compose">
          {t('mail.compose.open')}
        </Button>
      </Group>
      {phone && (
        <Box w="100%">
          <SearchBar folders={folders} active={search} onSearch={onSearch} />
        </Box>
      )}
    </Group>
  );
}
