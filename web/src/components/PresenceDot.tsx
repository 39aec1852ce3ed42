import { Box, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PresenceStatus } from '@mailroom/sdk';

const colors: Record<PresenceStatus, string> = {
  available: 'var(--mantine-color-green-6)',
  away: 'var(--mantine-color-yellow-6)',
  dnd: 'var(--mantine-color-red-6)',
  offline: 'var(--mantine-color-gray-5)',
};

/** A coloured dot: available, away, do not disturb, offline (named for screen readers and on hover). */
export function PresenceDot({ status, size = 10 }: { status: PresenceStatus | undefined; size?: number }) {
  const { t } = useTranslation();
  const s = status ?? 'offline';
  const label = t(`discussions.status.${s}`);
  return (
    <Tooltip label={label} withinPortal>
      <Box
        component="span"
        role="img"
        aria-label={label}
        data-testid="presence-dot"
        data-status={s}
        style={{ display: 'inline-block', flexShrink: 0, width: size, height: size, borderRadius: '50%', background: colors[s], boxShadow: '0 0 0 2px var(--mantine-color-white)' }}
      />
    </Tooltip>
  );
}
