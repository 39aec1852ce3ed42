import { Button, ThemeIcon, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { askPermission, permission } from '../../api/notify.ts';
import { useStore } from '../../api/store.ts';
import { BellIcon } from '../../components/Icons.tsx';

/** Browser notifications: asked only when the person presses this button, never on load. */
export function NotifyButton({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const p = useStore(permission);
  if (p === 'unsupported') return null;
  if (p === 'default')
    return (
      <Button variant="light" leftSection={<BellIcon size={16} />} onClick={() => void askPermission()} aria-label={t('discussions.notify.enable')} data-testid="notify-enable">
        {compact ? null : t('discussions.notify.enable')}
      </Button>
    );
  const label = p === 'granted' ? t('discussions.notify.on') : t('discussions.notify.blocked');
  return (
    <Tooltip label={label}>
      <ThemeIcon variant="light" size={36} color={p === 'granted' ? 'teal' : 'gray'} aria-label={label} role="img" data-testid="notify-state" data-permission={p}>
        <BellIcon size={18} />
      </ThemeIcon>
    </Tooltip>
  );
}
