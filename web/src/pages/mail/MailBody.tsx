import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { escapeHtml } from './compose.ts';
import { showRemoteImages } from './remoteImages.ts';

interface Props {
  html: string;
  text: string;
  /** Width of the column in pixels, to guess how tall the text is. */
  width?: number;
  maxHeight?: number;
  /** Remote images are allowed: they load (over http and https) instead of staying blocked. */
  remoteImages?: boolean;
}

// The page inside the frame may load nothing but inline images and its own styles;
// remote images only once the person allowed them for this message or its sender.
const csp = (remoteImages: boolean) =>
  `default-src 'none'; img-src data:${remoteImages ? ' https: http:' : ''}; style-src 'unsafe-inline'; font-src 'none'; form-action 'none'`;
const STYLE = `
  body { margin: 12px 14px; font: 14px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
         color: #212529; overflow-wrap: anywhere; }
  blockquote { margin: 8px 0 8px 2px; padding-left: 12px; border-left: 3px solid #ced4da; color: #495057; }
  img { max-width: 100%; height: auto; }
  pre { white-space: pre-wrap; }
  table { border-collapse: collapse; max-width: 100%; }
  td, th { border: 1px solid #dee2e6; padding: 4px 6px; }
  p { margin: 0 0 8px; }
  a { color: #1c7ed6; }
`;

/** A rough height for the text, so that most messages show whole without a scroll bar inside the frame. */
function guessHeight(text: string, html: string, width: number) {
  const perLine = Math.max(20, Math.floor((width - 40) / 8));
  const lines = text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / perLine)), 0);
  const images = (html.match(/<img\b/gi) ?? []).length;
  const blocks = (html.match(/<(p|li|blockquote|h\d|tr)\b/gi) ?? []).length;
  return lines * 22 + blocks * 8 + images * 220 + 40;
}

/**
 * The message text. The server has sanitised the HTML already; as a second layer it is shown in a
 * sandboxed frame (no scripts, no forms, no same-origin access) and a strict CSP. Links may open
 * in a new tab, outside the sandbox (allow-popups…), which lets nothing run inside the frame.
 */
export function MailBody({ html, text, width = 640, maxHeight = 1400, remoteImages = false }: Props) {
  const { t } = useTranslation();
  const srcDoc = useMemo(() => {
    const body = html.trim() ? (remoteImages ? showRemoteImages(html) : html) : `<pre>${escapeHtml(text)}</pre>`;
    return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp(remoteImages)}"><base target="_blank"><style>${STYLE}</style></head><body>${body}</body></html>`;
  }, [html, text, remoteImages]);
  const height = Math.min(maxHeight, Math.max(90, guessHeight(text, html, width)));
  return (
    <iframe
      title={t('mail.read.bodyTitle')}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      srcDoc={srcDoc}
      referrerPolicy="no-referrer"
      style={{ width: '100%', height, border: 0, display: 'block', background: 'white' }}
      data-testid="mail-body"
    />
  );
}
