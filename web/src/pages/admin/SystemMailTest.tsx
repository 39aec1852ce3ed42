import { useState } from 'react';
import { Alert, Button, Card, Code, FileInput, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { failedField } from '../../api/errors.ts';
import { useSystemMailTest } from '../../api/outbox.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ClipIcon } from '../../components/MailIcons.tsx';
import { OutboxProblemText } from './OutboxProblemText.tsx';

/**
 * "Send a test message" through the saved system account, optionally with a file: the server's answer,
 * or why it failed (`oauth`: the saved account signs in with OAuth2, so a refused sign-in asks to sign in again).
 */
export function SystemMailTest({ defaultTo, unsaved, oauth }: { defaultTo: string; unsaved: boolean; oauth: boolean }) {
  const { t } = useTranslation();
  const [to, setTo] = useState(defaultTo);
  const [file, setFile] = useState<File | null>(null);
  const test = useSystemMailTest();
  const r = test.data;

  return (
    <Card withBorder radius="md" padding="lg" data-testid="system-mail-test">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (to.trim()) test.mutate({ to: to.trim(), file });
        }}
        noValidate
      >
        <Stack gap="sm">
          <div>
            <Title order={3} size="h4">
              {t('systemMail.test')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('systemMail.testHint')}
            </Text>
          </div>
          {unsaved && (
            <Text size="sm" c="orange.8" data-testid="system-mail-test-unsaved">
              {t('systemMail.testUnsaved')}
            </Text>
          )}
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('systemMail.testTo')}
              type="email"
              value={to}
              onChange={(e) => {
                test.reset();
                setTo(e.currentTarget.value);
              }}
              error={failedField(test.error, 'to')}
              required
              data-testid="system-mail-test-to"
            />
            <FileInput
              label={t('systemMail.testFile')}
              placeholder={t('systemMail.testFilePlaceholder')}
              value={file}
              onChange={setFile}
              clearable
              leftSection={<ClipIcon size={16} />}
              data-testid="system-mail-test-file"
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={test.isPending} disabled={!to.trim()} data-testid="system-mail-test-send">
              {t('systemMail.testSend')}
            </Button>
          </Group>
          <ErrorAlert error={test.error} testId="system-mail-test-error" />
          {r && (
            <Alert
              color={r.ok ? 'teal' : 'red'}
              variant="light"
              title={r.ok ? t('systemMail.testOk') : t('systemMail.testFailed')}
              data-testid="system-mail-test-result"
              data-ok={r.ok}
            >
              <Stack gap={6}>
                {!r.ok && <OutboxProblemText problem={r.problem} detail={r.detail !== r.response ? r.detail : null} fix="test" oauth={oauth} />}
                {r.response && (
                  <Text size="sm" data-testid="system-mail-test-response">
                    {t('systemMail.testResponse')}{' '}
                    <Code style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{r.response}</Code>
                  </Text>
                )}
              </Stack>
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}
