import { useState } from 'react';
import { Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SuccessAlert } from '../../components/SuccessAlert.tsx';

const MIN = 8;

/** Change one's own password: the current one, and the new one twice. */
export function Password() {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: () => client.auth.changePassword(current, next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    change.reset();
    if (next.length < MIN) return setProblem(t('settings.passwordTooShort'));
    if (next !== repeat) return setProblem(t('settings.passwordMismatch'));
    setProblem(null);
    change.mutate();
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="settings-password">
      <form onSubmit={submit} noValidate>
        <Stack>
          <div>
            <Title order={3} size="h4">
              {t('settings.passwordTitle')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('settings.passwordHint')}
            </Text>
          </div>
          <PasswordInput
            label={t('settings.currentPassword')}
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            autoComplete="current-password"
            required
            data-testid="password-current"
          />
          <PasswordInput
            label={t('settings.newPassword')}
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            autoComplete="new-password"
            required
            data-testid="password-next"
          />
          <PasswordInput
            label={t('settings.repeatPassword')}
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            autoComplete="new-password"
            required
            error={problem}
            data-testid="password-repeat"
          />
          <ErrorAlert error={change.error} testId="password-error" />
          {change.isSuccess && <SuccessAlert testId="password-changed">{t('settings.passwordChanged')}</SuccessAlert>}
          <Group>
            <Button type="submit" loading={change.isPending} disabled={!current || !next || !repeat} data-testid="password-submit">
              {t('settings.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
