import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Account } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { failedField } from '../../api/errors.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { MemberSelect } from './MemberSelect.tsx';

interface Props {
  account: Account;
  onClose: () => void;
  onSaved: () => void;
}

/** Who is responsible for a shared mailbox: its folders fill their Mail; the people taken off lose them. */
export function ResponsibleModal({ account, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [ids, setIds] = useState(account.responsibleIds);
  const save = useMutation({
    mutationFn: () => client.accounts.setResponsible(account.id, ids),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.accounts });
      void qc.invalidateQueries({ queryKey: keys.mailFolders });
      onSaved();
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('sharedMailboxes.responsibleTitle', { name: account.name })} size="lg" data-testid="responsible-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('sharedMailboxes.responsibleHint')}
          </Text>
          <MemberSelect
            label={t('sharedMailboxes.responsible')}
            value={ids}
            onChange={(next) => {
              save.reset();
              setIds(next);
            }}
            error={failedField(save.error, 'userIds')}
            testId="responsible-people"
          />
          <ErrorAlert error={save.error} testId="responsible-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={ids.length === 0} data-testid="responsible-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
