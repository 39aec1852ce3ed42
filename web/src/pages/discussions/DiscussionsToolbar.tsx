import { useState } from 'react';
import { ActionIcon, Box, Button, Group, Menu, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PersonIcon } from '../../components/DiscussionIcons.tsx';
import { CrossIcon, GroupsIcon, PlusIcon, SearchIcon } from '../../components/Icons.tsx';
import { NewDirectModal, NewGroupModal } from './NewDiscussionModals.tsx';
import { NotifyButton } from './NotifyButton.tsx';
import { StatusMenu } from './StatusMenu.tsx';

interface Props {
  search: string | null;
  onSearch: (q: string | null) => void;
  onOpen: (id: string) => void;
  phone: boolean;
}

function SearchBox({ search, onSearch }: Pick<Props, 'search' | 'onSearch'>) {
  const { t } = useTranslation();
  const [value, setValue] = useState(search ?? '');
  return (
    <TextInput
      value={value}
      onChange={(e) => setValue(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onSearch(value.trim() || null);
        if (e.key === 'Escape') {
          setValue('');
          onSearch(null);
        }
      }}
      leftSection={<SearchIcon size={16} />}
      rightSection={
        search ? (
          <ActionIcon variant="subtle" color="gray" onClick={() => (setValue(''), onSearch(null))} aria-label={t('discussions.search.close')} data-testid="discussion-search-clear">
            <CrossIcon size={14} />
          </ActionIcon>
        ) : null
      }
      placeholder={t('discussions.search.placeholder')}
      aria-label={t('discussions.search.placeholder')}
      style={{ flex: 1, maxWidth: 420 }}
      data-testid="discussion-search"
    />
  );
}

/** Title, message search, notifications, my status and "New" (a group discussion or a direct dialog). */
export function DiscussionsToolbar({ search, onSearch, onOpen, phone }: Props) {
  const { t } = useTranslation();
  const [modal, setModal] = useState<'group' | 'direct' | null>(null);
  const created = (id: string) => {
    setModal(null);
    onOpen(id);
  };
  return (
    <Group justify="space-between" wrap={phone ? 'wrap' : 'nowrap'} gap="sm" mb="sm">
      <Group gap="sm" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
        <Title order={2} size="h3" data-testid="section-title" style={{ flexShrink: 0 }}>
          {t('discussions.title')}
        </Title>
        {!phone && <SearchBox search={search} onSearch={onSearch} />}
      </Group>
      <Group gap={6} wrap="nowrap">
        <NotifyButton compact={phone} />
        <StatusMenu compact={phone} />
        <Menu position="bottom-end" shadow="md" withinPortal>
          <Menu.Target>
            <Button leftSection={<PlusIcon size={16} />} data-testid="discussion-new">
              {t('discussions.new.button')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item leftSection={<GroupsIcon size={16} />} onClick={() => setModal('group')} data-testid="discussion-new-group">
              {t('discussions.new.group')}
            </Menu.Item>
            <Menu.Item leftSection={<PersonIcon size={16} />} onClick={() => setModal('direct')} data-testid="discussion-new-direct">
              {t('discussions.new.direct')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      {phone && (
        <Box w="100%">
          <SearchBox search={search} onSearch={onSearch} />
        </Box>
      )}
      {modal === 'group' && <NewGroupModal onClose={() => setModal(null)} onCreated={created} />}
      {modal === 'direct' && <NewDirectModal onClose={() => setModal(null)} onCreated={created} />}
    </Group>
  );
}
