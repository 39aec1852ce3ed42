import { useEffect, useRef } from 'react';
import { ActionIcon, Box, Group, Input, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { placeSignature } from './signature.ts';

interface Props {
  /** The starting text (a reply's quote, a draft); later changes come from the person typing. */
  initialHtml: string;
  onChange: (html: string) => void;
  onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  /** The sender's signature (plain text), in its own block under the text and above a quote; replaced when it changes. */
  signature?: string;
}

const EDITOR_CSS =
  '.mr-editor [data-signature]{color:#495057}.mr-editor blockquote{margin:8px 0 8px 2px;padding-left:12px;border-left:3px solid #ced4da;color:#495057}.mr-editor p{margin:0 0 8px}.mr-editor:empty:before{content:attr(data-placeholder);color:#adb5bd}';

type Command = 'bold' | 'italic' | 'underline' | 'insertUnorderedList' | 'insertOrderedList';

/** A small rich-text editor: a contentEditable area with bold, italic, underline and list buttons. */
export function RichEditor({ initialHtml, onChange, onKeyDown, signature = '' }: Props) {
  const { t } = useTranslation();
  const area = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (area.current) area.current.innerHTML = initialHtml;
    // only the first value: afterwards the element owns its content
    // (re-setting it would move the caret)
  }, []);

  // the starting text has its signature already: only a change (another sender) replaces it
  const placed = useRef(signature);
  useEffect(() => {
    const el = area.current;
    if (!el || placed.current === signature) return;
    placed.current = signature;
    placeSignature(el, signature);
    onChange(el.innerHTML);
  }, [signature, onChange]);

  const run = (cmd: Command) => {
    area.current?.focus();
    document.execCommand(cmd);
    if (area.current) onChange(area.current.innerHTML);
  };

  const button = (cmd: Command, label: string, glyph: React.ReactNode, testId: string) => (
    <Tooltip label={label} withinPortal>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={label}
        // keep the selection in the text while clicking the button
        onMouseDown={(e) => e.preventDefault()}
        onClick={() => run(cmd)}
        data-testid={testId}
      >
        {glyph}
      </ActionIcon>
    </Tooltip>
  );

  return (
    <Input.Wrapper label={t('mail.compose.body')}>
      <Box style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8, overflow: 'hidden' }}>
        <Group gap={2} px={6} py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }} bg="gray.0" role="toolbar" aria-label={t('mail.compose.formatting')}>
          {button('bold', t('mail.compose.bold'), <b>B</b>, 'compose-bold')}
          {button('italic', t('mail.compose.italic'), <i style={{ fontFamily: 'serif' }}>I</i>, 'compose-italic')}
          {button('underline', t('mail.compose.underline'), <u>U</u>, 'compose-underline')}
          {button('insertUnorderedList', t('mail.compose.bulletList'), <span aria-hidden>•≡</span>, 'compose-ul')}
          {button('insertOrderedList', t('mail.compose.numberedList'), <span aria-hidden>1.</span>, 'compose-ol')}
        </Group>
        <style>{EDITOR_CSS}</style>
        <div
          ref={area}
          className="mr-editor"
          contentEditable
          suppressContentEditableWarning
          role="textbox"
          aria-multiline="true"
          aria-label={t('mail.compose.body')}
          tabIndex={0}
          onInput={(e) => onChange(e.currentTarget.innerHTML)}
          onKeyDown={onKeyDown}
          data-testid="compose-body"
          style={{ minHeight: 180, maxHeight: '40vh', overflowY: 'auto', padding: '10px 12px', outline: 'none', fontSize: 14, lineHeight: 1.55, background: 'white' }}
        />
      </Box>
    </Input.Wrapper>
  );
}
