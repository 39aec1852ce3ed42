import { useState } from 'react';
import { ActionIcon, Popover, SimpleGrid, Tooltip, UnstyledButton } from '@mantine/core';
import { SmileIcon } from '../../components/DiscussionIcons.tsx';
import { EMOJI, QUICK_REACTIONS } from './emoji.ts';

interface Props {
  label: string;
  onPick: (emoji: string) => void;
  testId: string;
  /** Reactions: the quick six first, then the rest. */
  quick?: boolean;
  size?: 'sm' | 'md' | 'lg';
}

/** A smiley button opening a grid of common emoji. */
export function EmojiPicker({ label, onPick, testId, quick, size = 'lg' }: Props) {
  const [opened, setOpened] = useState(false);
  const list = quick ? [...QUICK_REACTIONS, ...EMOJI.filter((e) => !QUICK_REACTIONS.includes(e))] : EMOJI;
  return (
    <Popover opened={opened} onChange={setOpened} position="top-start" withinPortal shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <Tooltip label={label} disabled={opened}>
          <ActionIcon variant="subtle" color="gray" size={size} onClick={() => setOpened((o) => !o)} aria-label={label} data-testid={testId}>
            <SmileIcon size={size === 'sm' ? 15 : 20} />
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown p={6} data-testid={`${testId}-grid`}>
        <SimpleGrid cols={8} spacing={2} verticalSpacing={2}>
          {list.map((e) => (
            <UnstyledButton
              key={e}
              onClick={() => {
                onPick(e);
                setOpened(false);
              }}
              aria-label={e}
              data-testid="emoji-option"
              data-emoji={e}
              style={{ fontSize: 20, lineHeight: '30px', width: 32, textAlign: 'center', borderRadius: 6 }}
            >
              {e}
            </UnstyledButton>
          ))}
        </SimpleGrid>
      </Popover.Dropdown>
    </Popover>
  );
}
