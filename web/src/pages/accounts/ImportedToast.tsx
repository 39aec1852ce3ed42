import { useEffect } from 'react';
import { Anchor, Notification, Portal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { openEntryRequest } from '../../api/mail.ts';
import { navigate } from '../../app/router.ts';
import { CheckIcon } from '../../components/Icons.tsx';

const TOAST_MS = 10_000;

/** "Imported: N" for a few seconds, with a link that opens the first imported message in Mail. */
export function ImportedToast({ entryIds, onClose }: { entryIds: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(onClose, TOAST_MS);
    return () => clearTimeout(timer);
  }, [entryIds, onClose]);
  const open = () => {
    onClose();
    openEntryRequest.set(entryIds[0] ?? null);
    navigate('/mail');
  };
  return (
    <Portal>
      <Stack pos="fixed" bottom={16} right={16} w="min(360px, calc(100vw - 32px))" style={{ zIndex: 500 }}>
        <Notification
          icon={<CheckIcon size={18} />}
          color="teal"
          title={t('accounts.imported', { count: entryIds.length })}
          onClose={onClose}
          closeButtonProps={{ 'aria-label': t('common.close') }}
          withBorder
          role="status"
          data-testid="remote-imported"
        >
          {entryIds.length > 0 && (
            <Anchor component="button" type="button" size="sm" onClick={open} data-testid="remote-imported-open">
              {t('accounts.openImported')}
            </Anchor>
          )}
        </Notification>
      </Stack>
    </Portal>
  );
}
