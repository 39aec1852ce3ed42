import { useEffect, useState } from 'react';
import { Paper } from '@mantine/core';
import type { ChatMessage } from '@mailroom/sdk';
import { openDiscussion, useDiscussion } from '../../api/discussions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ChatHeader } from './ChatHeader.tsx';
import { Composer } from './Composer.tsx';
import { MessageTimeline } from './MessageTimeline.tsx';
import { TypingLine } from './TypingLine.tsx';

interface Props {
  discussionId: string;
  onBack?: () => void;
  /** The embedded widget: no pin, mute or members (the host page shows one object's discussion). */
  embed?: boolean;
}

const frame = { display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, overflow: 'hidden' } as const;

/** One discussion: header, messages, who is typing, and the composer. */
export function ChatPane({ discussionId, onBack, embed }: Props) {
  const d = useDiscussion(discussionId);
  const [replyTo, setReplyTo] = useState<ChatMessage | null>(null);

  useEffect(() => {
    openDiscussion.set(discussionId);
    return () => {
      if (openDiscussion.get() === discussionId) openDiscussion.set(null);
    };
  }, [discussionId]);

  return (
    <Paper withBorder={!embed} radius={embed ? 0 : 'md'} style={frame} data-testid="chat-pane" data-discussion-id={discussionId}>
      {d.data ? (
        <>
          <ChatHeader discussion={d.data} onBack={onBack} embed={embed} />
          <MessageTimeline discussion={d.data} onReply={setReplyTo} />
          <TypingLine discussionId={discussionId} />
          <Composer discussion={d.data} replyTo={replyTo} onCancelReply={() => setReplyTo(null)} />
        </>
      ) : d.isPending ? (
        <Loading />
      ) : (
        <ErrorAlert error={d.error} testId="chat-error" />
      )}
    </Paper>
  );
}
