import { Anchor, Text } from '@mantine/core';

interface Props {
  text: string;
  /** Names of the people the message mentions (highlighted where "@Name" appears). */
  mentioned: { id: string; name: string }[];
  meId: string;
  suffix?: React.ReactNode;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const URL_RE = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'])/g;

function links(text: string, key: string): React.ReactNode[] {
  return text.split(URL_RE).map((part, i) =>
    i % 2 ? (
      <Anchor key={`${key}-${i}`} href={part} target="_blank" rel="noopener noreferrer">
        {part}
      </Anchor>
    ) : (
      part
    ),
  );
}

/** A message's text as written (line breaks kept), links clickable and mentions highlighted (mine more strongly). */
export function MessageText({ text, mentioned, meId, suffix }: Props) {
  const named = [...mentioned].filter((m) => m.name).sort((a, b) => b.name.length - a.name.length);
  const parts: React.ReactNode[] = [];
  if (named.length) {
    const re = new RegExp(`@(${named.map((m) => escape(m.name)).join('|')})`, 'g');
    let at = 0;
    for (const match of text.matchAll(re)) {
      const person = named.find((m) => m.name === match[1])!;
      parts.push(...links(text.slice(at, match.index), `t${at}`));
      parts.push(
        <Text
          key={`m${match.index}`}
          span
          fw={600}
          c={person.id === meId ? 'orange.9' : 'blue.8'}
          bg={person.id === meId ? 'yellow.1' : 'blue.0'}
          px={2}
          style={{ borderRadius: 4 }}
          data-testid="mention"
          data-user-id={person.id}
        >
          {match[0]}
        </Text>,
      );
      at = match.index + match[0].length;
    }
    parts.push(...links(text.slice(at), `t${at}`));
  } else parts.push(...links(text, 't'));
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="chat-message-text">
      {parts}
      {suffix}
    </Text>
  );
}
