import { Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { languages, type Lang } from '../../i18n/index.ts';

interface Props {
  value: Record<Lang, string>;
  onChange: (v: Record<Lang, string>) => void;
}

/** One signature per interface language; compose adds the one of the language in use. */
export function SignatureFields({ value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={500}>
          {t('accounts.signatures')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('accounts.signaturesHint')}
        </Text>
      </div>
      {languages.map((l) => (
        <Textarea
          key={l}
          label={t('accounts.signatureIn', { language: t(`language.${l}`) })}
          value={value[l]}
          onChange={(e) => onChange({ ...value, [l]: e.currentTarget.value })}
          autosize
          minRows={2}
          maxRows={6}
          lang={l}
          data-testid={`account-signature-${l}`}
        />
      ))}
    </Stack>
  );
}
