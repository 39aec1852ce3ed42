import { useEffect } from 'react';
import { Paper } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { navigate } from '../../app/router.ts';
import { client } from '../../api/client.ts';
import { storeDiscussion } from '../../api/discussionCache.ts';
import { keys } from '../../api/keys.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';

/**
 * /discussions/object/:type/:id — a link a host application can give: opens (or makes) the object's
 * discussion, which joins my list, then shows it at /discussions/:id.
 */
export function ObjectDiscussion({ type, id }: { type: string; id: string }) {
  const qc = useQueryClient();
  const open = useMutation({
    mutationFn: () => client.discussions.forObject(type, id),
    onSuccess: (d) => {
      storeDiscussion(qc, d);
      void qc.invalidateQueries({ queryKey: keys.discussionList });
      navigate(`/discussions/${d.id}`, { replace: true });
    },
  });
  useEffect(() => open.mutate(), [type, id]);
  return <Paper withBorder radius="md" h="100%" p="md">{open.error ? <ErrorAlert error={open.error} testId="chat-error" /> : <Loading />}</Paper>;
}
