import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NewDiscussionInput } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { storeDiscussion } from '../../api/discussionCache.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { useMe } from '../../api/session.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PeoplePicker, type Person } from './PeoplePicker.tsx';

interface Props {
  onClose: () => void;
  onCreated: (id: string) => void;
}

function useCreate(onCreated: (id: string) => void) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: NewDiscussionInput) => client.discussions.create(input),
    onSuccess: (d) => {
      storeDiscussion(qc, d);
      void qc.invalidateQueries({ queryKey: keys.discussionList });
      onCreated(d.id);
    },
  });
}

/** A group discussion: a title and the members, found by name, login or department. */
export function NewGroupModal({ onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [title, setTitle] = useState('');
  const [members, setMembers] = useState<Person[]>([]);
  const create = useCreate(onCreated);
  const submit = () => title.trim() && create.mutate({ kind: 'group', title: title.trim(), memberIds: members.map((m) => m.id) });
  return (
    <Modal opened onClose={onClose} title={t('discussions.new.groupTitle')} size="lg" data-testid="new-group-modal">
      <Stack>
        <TextInput
          label={t('discussions.new.name')}
          placeholder={t('discussions.new.namePlaceholder')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
          error={failedField(create.error, 'title')}
          maxLength={200}
          data-autofocus
          data-testid="new-group-title"
        />
        <Text size="sm" fw={500}>
          {t('discussions.new.members')}
        </Text>
        <PeoplePicker value={members} onChange={setMembers} exclude={[me.id]} testId="new-group-people" />
        <ErrorAlert error={create.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} loading={create.isPending} disabled={!title.trim()} data-testid="new-group-create">
            {t('discussions.new.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A direct dialog: one click on a person opens it (the same one again if it exists). */
export function NewDirectModal({ onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const create = useCreate(onCreated);
  return (
    <Modal opened onClose={onClose} title={t('discussions.new.directTitle')} size="lg" data-testid="new-direct-modal">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('discussions.new.directHint')}
        </Text>
        <PeoplePicker value={[]} onPick={(p) => create.mutate({ kind: 'direct', userId: p.id })} exclude={[me.id]} testId="new-direct-people" autoFocus />
        <ErrorAlert error={create.error} />
      </Stack>
    </Modal>
  );
}
