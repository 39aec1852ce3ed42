import { useEffect, useRef, useState } from 'react';
import { Box, Center, MantineProvider, Text } from '@mantine/core';
import { QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { MeContext, useMe, useSessionQuery } from '../api/session.ts';
import { useStore } from '../api/store.ts';
import { useOutgoingQueue } from '../api/useDiscussionRuntime.ts';
import { useEvents } from '../api/useEvents.ts';
import { makeQueryClient } from '../app/queryClient.ts';
import { theme } from '../app/theme.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading } from '../components/Loading.tsx';
import { applyLanguage, isLang } from '../i18n/index.ts';
import { ChatPane } from '../pages/discussions/ChatPane.tsx';
import { askForToken, embedToken, listenForToken } from './token.ts';

const params = new URLSearchParams(window.location.search);
const objectType = params.get('type');
const objectId = params.get('id');
const lang = params.get('lang');

function Notice({ children }: { children: React.ReactNode }) {
  return (
    <Center h="100dvh" p="md">
      <Text c="dimmed" ta="center" data-testid="embed-notice">
        {children}
      </Text>
    </Center>
  );
}

/** The object's discussion (made on first use), then the same pane and composer as the full client. */
function ObjectDiscussion({ type, id }: { type: string; id: string }) {
  const me = useMe();
  const qc = useQueryClient();
  useOutgoingQueue(me.id);
  const d = useQuery({ queryKey: ['embed', 'object', type, id], queryFn: () => client.discussions.forObject(type, id), staleTime: Infinity, retry: false });
  useEffect(() => {
    if (!d.data) return;
    qc.setQueryData(keys.discussion(d.data.id), d.data);
    document.title = `${d.data.title} · Mailroom`;
  }, [d.data, qc]);
  if (d.isPending) return <Loading minHeight="100dvh" />;
  if (!d.data) return <Box p="md"><ErrorAlert error={d.error} testId="embed-error" /></Box>;
  return (
    <Box h="100dvh" data-testid="embed-discussion">
      <ChatPane discussionId={d.data.id} embed />
    </Box>
  );
}

/** Signed in with the token (GET /me); the event stream runs with it. */
function SignedIn({ token, type, id }: { token: string; type: string; id: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const session = useSessionQuery();
  const user = session.data?.user ?? null;
  const first = useRef(token);
  // a new token (the old one expired, or the host gave another): everything is asked again with it
  useEffect(() => {
    if (token !== first.current) void qc.invalidateQueries();
    first.current = token;
  }, [token, qc]);
  // signed out (expired): ask the page for a fresh token
  useEffect(() => {
    if (session.data === null) askForToken();
  }, [session.data]);
  useEffect(() => {
    const want = isLang(lang) ? lang : user?.language;
    if (want) void applyLanguage(want);
  }, [user?.language]);
  useEvents(user?.id ?? null, token);

  if (session.isPending) return <Loading label={t('discussions.embed.opening')} minHeight="100dvh" />;
  if (session.isError) return <Box p="md"><ErrorAlert error={session.error} testId="embed-error" /></Box>;
  if (!user) return <Notice>{t('discussions.embed.expired')}</Notice>;
  return (
    <MeContext.Provider value={user}>
      <ObjectDiscussion type={type} id={id} />
    </MeContext.Provider>
  );
}

/** Waits for the token (from the address, or asked of the widget by postMessage), then signs in with it. */
function EmbedGate() {
  const { t } = useTranslation();
  const token = useStore(embedToken);
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    const stop = listenForToken();
    if (!embedToken.get()) askForToken();
    const timer = setTimeout(() => setWaited(true), 4000);
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, []);
  useEffect(() => {
    if (isLang(lang)) void applyLanguage(lang);
  }, []);

  if (!objectType || !objectId) return <Notice>{t('discussions.embed.noObject')}</Notice>;
  if (!token) return waited ? <Notice>{t('discussions.embed.noToken')}</Notice> : <Loading label={t('discussions.embed.opening')} minHeight="100dvh" />;
  return <SignedIn token={token} type={objectType} id={objectId} />;
}

/** /embed/discussion?type=…&id=…#token=… — the page widget.js puts in its iframe. */
export default function EmbedApp() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <EmbedGate />
      </QueryClientProvider>
    </MantineProvider>
  );
}
