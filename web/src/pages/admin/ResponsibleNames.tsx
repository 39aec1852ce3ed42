import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useUsersByIds } from '../../api/users.ts';

/** The names of the people responsible for a shared mailbox. */
export function ResponsibleNames({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const people = useUsersByIds(ids);
  const names = ids.map((id) => people.data?.get(id)?.name ?? (people.isPending ? t('common.loading') : t('groups.unknownMember'))).sort((a, b) => a.localeCompare(b));
  return (
    <Text size="sm" data-testid="shared-responsible-names">
      {t('sharedMailboxes.responsibleNames', { names: names.join(', ') })}
    </Text>
  );
}
