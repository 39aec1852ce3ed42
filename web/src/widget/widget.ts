/**
 * widget.js — the one script a host page includes to show a business object's discussion:
 *
 *   <script src="https://MAILROOM/widget.js"></script>
 *   <mailroom-discussion object-type="contract" object-id="c-77" token="HOST_MINTED_USER_TOKEN"></mailroom-discussion>
 *
 * The element renders an iframe of Mailroom's /embed/discussion page (the host page's origin does
 * not matter). The token goes in the URL fragment — never sent to a server, taken off the address
 * by the page and kept in its memory — and again by postMessage when the page asks (reload,
 * expiry) or when the host sets a new `token` attribute. Optional attributes: `height` (CSS, 480px),
 * `lang` (ru, en, pl; else the person's own). Stand-alone: no imports, built as a classic script.
 */
(() => {
  const TAG = 'mailroom-discussion';
  if (typeof window === 'undefined' || !window.customElements || window.customElements.get(TAG)) return;
  const script = document.currentScript as HTMLScriptElement | null;
  // the Mailroom server is where this script came from
  const origin = new URL(script?.src || window.location.href, window.location.href).origin;

  class MailroomDiscussion extends HTMLElement {
    static observedAttributes = ['object-type', 'object-id', 'token', 'height', 'lang'];
    private frame: HTMLIFrameElement | null = null;
    private root: ShadowRoot;
    private readonly onMessage = (e: MessageEvent) => {
      if (!this.frame || e.source !== this.frame.contentWindow || e.origin !== origin) return;
      const d = e.data as { type?: unknown } | null;
      if (d?.type === 'mailroom:need-token') {
        this.dispatchEvent(new CustomEvent('mailroom-token-needed', { bubbles: true, composed: true }));
        this.sendToken();
      }
    };

    constructor() {
      super();
      this.root = this.attachShadow({ mode: 'closed' });
    }

    connectedCallback() {
      window.addEventListener('message', this.onMessage);
      this.render();
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.onMessage);
    }

    attributeChangedCallback(name: string, before: string | null, after: string | null) {
      if (!this.isConnected || before === after) return;
      if (name === 'token' && this.frame) this.sendToken();
      else if (name === 'height' && this.frame) this.frame.style.height = this.height();
      else this.render();
    }

    private height() {
      return this.getAttribute('height') || '480px';
    }

    private sendToken() {
      const token = this.getAttribute('token');
      if (token) this.frame?.contentWindow?.postMessage({ type: 'mailroom:token', token }, origin);
    }

    private render() {
      const type = this.getAttribute('object-type') ?? '';
      const id = this.getAttribute('object-id') ?? '';
      const query = new URLSearchParams({ type, id });
      const lang = this.getAttribute('lang');
      if (lang) query.set('lang', lang);
      const token = this.getAttribute('token') ?? '';
      const frame = document.createElement('iframe');
      frame.src = `${origin}/embed/discussion?${query}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
      frame.title = this.getAttribute('title') || 'Mailroom';
      frame.setAttribute('allow', 'clipboard-write');
      frame.referrerPolicy = 'strict-origin';
      frame.style.cssText = `display:block;width:100%;height:${this.height()};border:1px solid #dee2e6;border-radius:8px;background:#fff;box-sizing:border-box`;
      this.frame = frame;
      this.root.replaceChildren(frame);
    }
  }

  window.customElements.define(TAG, MailroomDiscussion);
})();
