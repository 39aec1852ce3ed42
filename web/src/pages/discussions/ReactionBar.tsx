import { Button, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChatMessage } from '@mailroom/sdk';
import { client } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { streamStatus } from '../../api/mail.ts';

/** Toggles my reaction; the live event updates the counts (a refetch when the stream is down). */
export function useToggleReaction(m: ChatMessage) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ emoji, on }: { emoji: string; on: boolean }) =>
      on ? client.discussions.react(m.discussionId, m.id, emoji) : client.discussions.unreact(m.discussionId, m.id, emoji),
    onSuccess: () => {
      if (streamStatus.get() !== 'open') void qc.invalidateQueries({ queryKey: keys.discussionMessages(m.discussionId) });
    },
  });
}

/** The reactions under a message: emoji and count, mine highlighted; a click adds or takes back mine. */
export function ReactionBar({ message: m }: { message: ChatMessage }) {
  const toggle = useToggleReaction(m);
  if (!m.reactions.length) return null;
  return (
    <Group gap={4} mt={4}>
      {m.reactions.map((r) => (
        <Button
          key={r.emoji}
          size="compact-xs"
          radius="xl"
          variant={r.mine ? 'light' : 'default'}
          onClick={() => toggle.mutate({ emoji: r.emoji, on: !r.mine })}
          aria-pressed={r.mine}
          data-testid="chat-reaction"
          data-emoji={r.emoji}
          data-mine={r.mine}
          data-count={r.count}
        >
          {r.emoji} {r.count}
        </Button>
      ))}
    </Group>
  );
}
