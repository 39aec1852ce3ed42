import { useState } from 'react';
import { Alert, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { takeSessionEnded } from '../api/session.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { Logo } from '../components/Logo.tsx';

export function SignIn() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [ended] = useState(takeSessionEnded);

  const signIn = useMutation({
    mutationFn: () => client.auth.login(login.trim(), password),
    onSuccess: (session) => {
      // Start clean: nothing cached for an earlier session may show to this user.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
      qc.setQueryData(keys.me, session);
    },
    onError: () => setPassword(''),
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const incomplete = !login.trim() || !password;
    setMissing(incomplete);
    if (!incomplete) signIn.mutate();
  };

  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)" data-testid="signin-page">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl" mih="calc(100dvh - 140px)">
        <Stack w="100%" maw={400} gap="lg">
          <Stack gap={6} align="center">
            <Logo size="xl" />
            <Text c="dimmed" ta="center" size="sm">
              {t('app.tagline')}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <form onSubmit={submit} noValidate>
              <Stack>
                <div>
                  <Title order={2} size="h3">
                    {t('signin.title')}
                  </Title>
                  <Text c="dimmed" size="sm" mt={4}>
                    {t('signin.subtitle')}
                  </Text>
                </div>
                <TextInput
                  label={t('signin.login')}
                  value={login}
                  onChange={(e) => setLogin(e.currentTarget.value)}
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  autoFocus
                  data-testid="signin-login"
                />
                <PasswordInput
                  label={t('signin.password')}
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  autoComplete="current-password"
                  data-testid="signin-password"
                />
                {missing && (
                  <Text c="red" size="sm" role="alert" data-testid="signin-missing">
                    {t('signin.required')}
                  </Text>
                )}
                {ended && !signIn.error && (
                  <Alert color="orange" variant="light" data-testid="signin-session-ended">
                    {t('errors.UNAUTHENTICATED')}
                  </Alert>
                )}
                <ErrorAlert error={signIn.error} testId="signin-error" />
                <Button type="submit" fullWidth loading={signIn.isPending} data-testid="signin-submit">
                  {t('signin.submit')}
                </Button>
              </Stack>
            </form>
          </Paper>
        </Stack>
      </Center>
    </Box>
  );
}
