import { Box, Button, Checkbox, Menu, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSetMyPresence } from '../../api/autoAway.ts';
import { useMyPresence } from '../../api/presence.ts';
import { CheckIcon } from '../../components/Icons.tsx';
import { PresenceDot } from '../../components/PresenceDot.tsx';

const choices = ['available', 'away', 'dnd'] as const;

/** My status (available, away, do not disturb) and whether new messages make a sound. */
export function StatusMenu({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  const mine = useMyPresence().data;
  const set = useSetMyPresence();
  const status = mine?.status ?? 'available';
  const label = t(`discussions.status.${status}`);
  return (
    <Menu position="bottom-end" shadow="md" width={240} withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<PresenceDot status={status} />}
          loading={set.isPending}
          aria-label={t('discussions.status.label', { status: label })}
          data-testid="status-menu"
          data-status={status}
        >
          {compact ? null : label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {choices.map((s) => (
          <Menu.Item
            key={s}
            leftSection={<PresenceDot status={s} />}
            rightSection={s === status ? <CheckIcon size={14} /> : null}
            onClick={() => set.mutate({ status: s })}
            data-testid={`status-${s}`}
          >
            <Box>
              <Text size="sm">{t(`discussions.status.${s}`)}</Text>
              {s === 'dnd' && (
                <Text size="xs" c="dimmed">
                  {t('discussions.status.dndHint')}
                </Text>
              )}
            </Box>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          closeMenuOnClick={false}
          leftSection={<Checkbox checked={mine?.sound ?? true} readOnly size="xs" tabIndex={-1} aria-hidden />}
          onClick={() => set.mutate({ sound: !(mine?.sound ?? true) })}
          data-testid="status-sound"
          data-on={mine?.sound ?? true}
        >
          {t('discussions.status.sound')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
