import { useEffect, useState } from 'react';
import { Button, Center, MantineProvider, Stack, Text, Title } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MeContext, useSessionQuery } from '../api/session.ts';
import { useEvents } from '../api/useEvents.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { applyLanguage, rememberLanguage } from '../i18n/index.ts';
import { SignIn } from '../pages/SignIn.tsx';
import { Frame } from './Frame.tsx';
import { makeQueryClient } from './queryClient.ts';
import { theme } from './theme.ts';


/** Sign-in screen or the application, depending on the session. */
function Gate() {
  const { t } = useTranslation();
  const session = useSessionQuery();
  const user = session.data?.user ?? null;

  // After sign-in the user's own language wins over the one chosen on the sign-in screen.
  useEffect(() => {
    if (!user) return;
    rememberLanguage(user.language);
    void applyLanguage(user.language);
  }, [user?.language, user]);

  useEvents(user?.id ?? null);

  if (session.isPending) return <Loading label={t('app.loadingSession')} minHeight="100dvh" />;
  if (session.isError) {
    return (
      <Center mih="100dvh" p="md">
        <Stack maw={420} align="center" ta="center" data-testid="start-failed">
          <Title order={3}>{t('app.startFailed')}</Title>
          <ErrorAlert error={session.error} />
          <Text c="dimmed" size="sm">
            {t('app.tagline')}
          </Text>
          <Button onClick={() => void session.refetch()} loading={session.isFetching}>
            {t('app.retry')}
          </Button>
        </Stack>
      </Center>
    );
  }
  return user ? (
    <MeContext.Provider value={user}>
      <Frame />
    </MeContext.Provider>
  ) : (
    <SignIn />
  );
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <Gate />
      </QueryClientProvider>
    </MantineProvider>
  );
}
