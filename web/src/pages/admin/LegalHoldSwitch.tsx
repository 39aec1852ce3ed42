import { Switch } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';

/** An administrator puts a person's mailbox on legal hold: nothing expires or is purged. */
export function LegalHoldSwitch({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ['mail', 'hold', userId];
  const hold = useQuery({ queryKey: key, queryFn: () => client.mail.hold(userId) });
  const set = useMutation({
    mutationFn: (on: boolean) => client.mail.setHold(userId, on),
    onSuccess: (h) => qc.setQueryData(key, h),
  });
  return (
    <>
      <Switch
        label={t('users.legalHold')}
        description={t('users.legalHoldHint')}
        checked={hold.data?.hold ?? false}
        disabled={!hold.data || set.isPending}
        onChange={(e) => set.mutate(e.currentTarget.checked)}
        data-testid="user-edit-legal-hold"
      />
      <ErrorAlert error={set.error ?? hold.error} testId="user-hold-error" />
    </>
  );
}
