import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
}

/** "Load more" under a paged list; hidden when the last page is shown. */
export function LoadMore({ hasMore, loading, onLoad }: Props) {
  const { t } = useTranslation();
  if (!hasMore) return null;
  return (
    <Center mt="md">
      <Button variant="default" onClick={onLoad} loading={loading} data-testid="load-more">
        {t('common.loadMore')}
      </Button>
    </Center>
  );
}
