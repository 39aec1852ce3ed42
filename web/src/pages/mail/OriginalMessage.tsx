import { Alert, Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MailMessage } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { AlertIcon } from '../../components/Icons.tsx';
import { DownloadIcon } from '../../components/MailIcons.tsx';

/** For mail from outside: why it could not be read fully (if so), and its original to download (.eml). */
export function OriginalMessage({ message: m }: { message: MailMessage }) {
  const { t } = useTranslation();
  return (
    <>
      {m.problem && (
        <Alert color="orange" variant="light" icon={<AlertIcon />} p="xs" data-testid="mail-parse-problem">
          {m.problem === 'NO_READABLE_PART' ? t('mail.read.noReadablePart') : t('mail.read.problem', { problem: m.problem })}
        </Alert>
      )}
      {m.hasRaw && (
        <Anchor href={client.mail.rawUrl(m.id)} download size="sm" display="inline-flex" w="fit-content" style={{ alignItems: 'center', gap: 6 }} data-testid="mail-download-raw">
          <DownloadIcon size={16} />
          {t('mail.read.original')}
        </Anchor>
      )}
    </>
  );
}
