import { escapeHtml } from './compose.ts';

/** Puts the signature block of a message being written in place, or takes it out when there is none. */
export function placeSignature(area: HTMLElement, signature: string) {
  area.querySelector(':scope > [data-signature]')?.remove();
  if (!signature.trim()) return;
  const block = document.createElement('div');
  block.setAttribute('data-signature', '');
  block.innerHTML = escapeHtml(signature).replace(/\n/g, '<br>');
  // an empty message keeps a line to write on above the signature
  if (!area.firstElementChild && !area.textContent?.trim()) area.innerHTML = '<p><br></p>';
  // a reply starts with an empty line, then the quote: the signature goes between them
  const quoted = area.querySelector(':scope > blockquote');
  if (quoted && area.firstElementChild && area.firstElementChild !== quoted) area.firstElementChild.after(block);
  else area.append(block);
}

/** The starting text of a message with the signature in place. */
export function withSignature(html: string, signature: string): string {
  if (!signature.trim()) return html;
  const area = document.createElement('div');
  area.innerHTML = html;
  placeSignature(area, signature);
  return area.innerHTML;
}
