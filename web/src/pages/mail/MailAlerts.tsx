import { useEffect } from 'react';
import { Anchor, Button, Group, Modal, Notification, Portal, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dropMailAlert, mailAlerts, openRequest, type MailAlert } from '../../api/mail.ts';
import { useStore } from '../../api/store.ts';
import { navigate } from '../../app/router.ts';
import { MailIcon } from '../../components/Icons.tsx';
import { ImportantIcon } from '../../components/MailIcons.tsx';

const TOAST_MS = 8000;

function open(a: MailAlert) {
  dropMailAlert(a.key);
  openRequest.set(a.messageId);
  navigate('/mail');
}

function Toast({ alert: a }: { alert: MailAlert }) {
  const { t } = useTranslation();
  useEffect(() => {
    const timer = setTimeout(() => dropMailAlert(a.key), TOAST_MS);
    return () => clearTimeout(timer);
  }, [a.key]);
  return (
    <Notification
      icon={<MailIcon size={18} />}
      color="blue"
      title={t('mail.alert.newMail', { name: a.senderName })}
      onClose={() => dropMailAlert(a.key)}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      withBorder
      data-testid="mail-toast"
      role="status"
    >
      <Anchor component="button" type="button" size="sm" onClick={() => open(a)} style={{ textAlign: 'start' }} data-testid="mail-toast-open">
        {a.subject || t('mail.list.noSubject')}
      </Anchor>
    </Notification>
  );
}

/**
 * New mail, wherever one is in the application: a high-importance message interrupts with a
 * modal (Open / Later), a normal one shows a toast for a few seconds.
 */
export function MailAlerts() {
  const { t } = useTranslation();
  const alerts = useStore(mailAlerts);
  const important = alerts.find((a) => a.importance === 'high');
  const toasts = alerts.filter((a) => a.importance !== 'high').slice(-3);
  return (
    <>
      <Modal
        opened={!!important}
        onClose={() => important && dropMailAlert(important.key)}
        title={
          <Group gap="xs" wrap="nowrap">
            <ThemeIcon color="red" variant="light" radius="xl">
              <ImportantIcon size={18} />
            </ThemeIcon>
            <Text fw={700}>{t('mail.alert.importantTitle')}</Text>
          </Group>
        }
        centered
        data-testid="mail-important-modal"
      >
        {important && (
          <Stack>
            <Text data-testid="mail-important-text" style={{ overflowWrap: 'anywhere' }}>
              {t('mail.alert.importantText', { name: important.senderName, subject: important.subject || t('mail.list.noSubject') })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => dropMailAlert(important.key)} data-testid="mail-important-later">
                {t('mail.alert.later')}
              </Button>
              <Button color="red" onClick={() => open(important)} data-testid="mail-important-open" data-autofocus>
                {t('mail.alert.open')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      {toasts.length > 0 && (
        <Portal>
          <Stack gap="xs" pos="fixed" bottom={16} right={16} w="min(360px, calc(100vw - 32px))" style={{ zIndex: 400 }}>
            {toasts.map((a) => (
              <Toast key={a.key} alert={a} />
            ))}
          </Stack>
        </Portal>
      )}
    </>
  );
}
