import { useTranslation } from 'react-i18next';
import type { Account } from '@mailroom/sdk';
import { useRemoveAccount } from '../../api/accounts.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';

interface Props {
  /** The account to remove; null keeps the window closed. */
  account: Account | null;
  /** A shared mailbox of the organisation (administrators): asked about in those words. */
  shared?: boolean;
  onClose: () => void;
}

/** "Remove the account?": closes once it is removed; a failure is shown inside. */
export function RemoveAccountModal({ account, shared = false, onClose }: Props) {
  const { t } = useTranslation();
  const remove = useRemoveAccount(onClose);
  return (
    <ConfirmModal
      opened={!!account}
      title={t(shared ? 'sharedMailboxes.removeTitle' : 'accounts.removeTitle')}
      text={t(shared ? 'sharedMailboxes.removeText' : 'accounts.removeText', { name: account?.name ?? '' })}
      confirmLabel={t('accounts.remove')}
      loading={remove.isPending}
      error={remove.error}
      onConfirm={() => account && remove.mutate(account)}
      onClose={() => {
        onClose();
        remove.reset();
      }}
    />
  );
}
