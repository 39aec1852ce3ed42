import { useState } from 'react';
import { ActionIcon, Badge, Button, Divider, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Discussion } from '@mailroom/sdk';
import { navigate } from '../../app/router.ts';
import { client } from '../../api/client.ts';
import { storeDiscussion } from '../../api/discussionCache.ts';
import { keys } from '../../api/keys.ts';
import { usePresenceOf } from '../../api/presence.ts';
import { useMe } from '../../api/session.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { CrossIcon, LogoutIcon } from '../../components/Icons.tsx';
import { PresenceDot } from '../../components/PresenceDot.tsx';
import { PeoplePicker, type Person } from './PeoplePicker.tsx';

/** A group's members with their presence; its creator adds and removes people; anyone may leave. */
export function MembersModal({ discussion: d, onClose }: { discussion: Discussion; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const creator = d.createdBy === me.id;
  const presence = usePresenceOf(d.members.map((m) => m.id));
  const [adding, setAdding] = useState<Person[]>([]);
  const [confirm, setConfirm] = useState<Person | null>(null);
  const add = useMutation({
    mutationFn: () => client.discussions.addMembers(d.id, adding.map((p) => p.id)),
    onSuccess: (next) => {
      storeDiscussion(qc, next);
      setAdding([]);
    },
  });
  const remove = useMutation({
    mutationFn: (userId: string) => client.discussions.removeMember(d.id, userId),
    onSuccess: (_ok, userId) => {
      setConfirm(null);
      void qc.invalidateQueries({ queryKey: keys.discussionList });
      if (userId === me.id) {
        onClose();
        qc.removeQueries({ queryKey: keys.discussion(d.id) });
        navigate('/discussions');
      } else void qc.invalidateQueries({ queryKey: keys.discussion(d.id) });
    },
  });
  const leaving = confirm?.id === me.id;
  return (
    <Modal opened onClose={onClose} title={t('discussions.members.title')} size="lg" data-testid="members-modal">
      <Stack gap="xs">
        {d.members.map((m) => (
          <Group key={m.id} justify="space-between" wrap="nowrap" data-testid="member-row" data-user-id={m.id}>
            <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
              <PresenceDot status={presence[m.id]} />
              <Text size="sm" truncate>
                {m.name}
              </Text>
              {m.id === d.createdBy && (
                <Badge size="xs" variant="light">
                  {t('discussions.members.creator')}
                </Badge>
              )}
              {m.id === me.id && (
                <Badge size="xs" variant="light" color="gray">
                  {t('discussions.members.you')}
                </Badge>
              )}
            </Group>
            {creator && m.id !== me.id && (
              <ActionIcon variant="subtle" color="red" onClick={() => setConfirm(m)} aria-label={t('discussions.members.remove', { name: m.name })} data-testid="member-remove">
                <CrossIcon size={16} />
              </ActionIcon>
            )}
          </Group>
        ))}
        {creator && (
          <>
            <Divider label={t('discussions.members.add')} labelPosition="left" mt="sm" />
            <PeoplePicker value={adding} onChange={setAdding} exclude={d.members.map((m) => m.id)} testId="members-add" />
            <Group justify="flex-end">
              <Button onClick={() => add.mutate()} disabled={!adding.length} loading={add.isPending} data-testid="members-add-submit">
                {t('discussions.members.addButton')}
              </Button>
            </Group>
          </>
        )}
        <ErrorAlert error={add.error} />
        <Divider mt="sm" />
        <Group justify="flex-start">
          <Button variant="subtle" color="red" leftSection={<LogoutIcon size={16} />} onClick={() => setConfirm({ id: me.id, name: me.name })} data-testid="members-leave">
            {t('discussions.members.leave')}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={!!confirm}
        title={leaving ? t('discussions.members.leaveTitle') : t('discussions.members.removeTitle')}
        text={leaving ? t('discussions.members.leaveText', { title: d.title }) : t('discussions.members.removeText', { name: confirm?.name ?? '' })}
        confirmLabel={leaving ? t('discussions.members.leave') : t('discussions.members.removeButton')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => confirm && remove.mutate(confirm.id)}
        onClose={() => setConfirm(null)}
      />
    </Modal>
  );
}
