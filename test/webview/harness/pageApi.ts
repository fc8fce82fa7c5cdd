// Runs in the page before the webview bundle (page.addInitScript). It plays the VS Code side of
// the webview: acquireVsCodeApi() records every posted message, and get/setState persist in
// sessionStorage so they survive page.reload() the way VS Code keeps them across a view re-creation.
// It also installs window.__test, small DOM helpers the tests call through `callPage`. Written as
// plain JavaScript because the test tsconfig has no DOM library.
export const PAGE_API_SCRIPT = String.raw`
(() => {
  const KEY = '__twinChatSavedState';
  const posted = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => posted.push(JSON.parse(JSON.stringify(message))),
    getState: () => {
      const raw = sessionStorage.getItem(KEY);
      return raw === null ? undefined : JSON.parse(raw);
    },
    setState: (state) => sessionStorage.setItem(KEY, JSON.stringify(state)),
  });
  const body = (id) => document.querySelector('.message[data-message-id="' + id + '"] .message-body');
  window.__test = {
    posted: () => posted.slice(),
    clearPosted: () => { posted.length = 0; },
    post: (message) => window.postMessage(message, '*'),
    postMany: (messages) => { for (const m of messages) window.postMessage(m, '*'); },
    // Resolves once every message posted to the window before it has been handled: the event
    // loop delivers posted messages in order, so a marker posted last arrives last.
    delivered: () => new Promise((resolve) => {
      const marker = { __delivered: Math.random() };
      const onMessage = (event) => {
        if (event.data && event.data.__delivered === marker.__delivered) {
          window.removeEventListener('message', onMessage);
          resolve();
        }
      };
      window.addEventListener('message', onMessage);
      window.postMessage(marker, '*');
    }),
    textIncludes: (id, text) => { const b = body(id); return b ? b.textContent.includes(text) : false; },
    frames: (count) => new Promise((resolve) => {
      const step = (left) => (left <= 0 ? setTimeout(resolve, 0) : requestAnimationFrame(() => step(left - 1)));
      step(count);
    }),
    messageHtml: (id) => { const b = body(id); return b ? b.innerHTML.replace(/>\s+</g, '><').trim() : null; },
    // Off-screen chunks are not rendered (content-visibility), so their innerText is empty:
    // scroll the message into view first, as a reader would, then read what is visible.
    messageText: async (id) => {
      const b = body(id);
      if (!b) return null;
      b.scrollIntoView();
      for (let frame = 0; frame < 10 && b.innerText.trim() === '' && b.textContent.trim() !== ''; frame++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      return b.innerText;
    },
    messageFooterText: (id) => {
      const f = document.querySelector('.message[data-message-id="' + id + '"] .message-footer');
      return f ? f.innerText : null;
    },
    audit: (allowedTags, selector = '.transcript') => {
      const allowed = new Set(allowedTags);
      const problems = [];
      const root = document.querySelector(selector);
      for (const el of root ? root.querySelectorAll('*') : []) {
        const tag = el.tagName.toLowerCase();
        if (!allowed.has(tag)) problems.push('tag <' + tag + '>');
        if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push('namespace ' + el.namespaceURI);
        for (const attr of el.attributes) {
          const name = attr.name.toLowerCase();
          if (name.startsWith('on') || name === 'style' || name === 'href' || name === 'src' || name === 'srcset' || name === 'action' || name === 'formaction' || name === 'xlink:href') {
            problems.push(tag + '[' + name + '=' + attr.value.slice(0, 60) + ']');
          }
        }
      }
      return problems;
    },
    scrollInfo: () => {
      const t = document.querySelector('.transcript');
      return { top: t.scrollTop, height: t.scrollHeight, client: t.clientHeight };
    },
    scrollTo: (top) => { document.querySelector('.transcript').scrollTop = top; },
    focused: () => {
      const el = document.activeElement;
      if (!el) return '';
      return el.getAttribute('aria-label') || el.textContent.trim() || el.tagName.toLowerCase();
    },
    lang: () => document.documentElement.lang,
    text: (selector) => { const el = document.querySelector(selector); return el ? el.innerText : null; },
  };
})();
`;

/** Signatures of window.__test, for type-checked calls from the tests. */
export interface PageApi {
  posted(): unknown[];
  clearPosted(): void;
  post(message: unknown): void;
  postMany(messages: unknown[]): void;
  delivered(): void;
  textIncludes(id: string, text: string): boolean;
  frames(count: number): void;
  messageHtml(id: string): string | null;
  messageText(id: string): string | null;
  messageFooterText(id: string): string | null;
  /** Unsafe elements and attributes under `selector` (the whole transcript by default). */
  audit(allowedTags: string[], selector?: string): string[];
  scrollInfo(): { top: number; height: number; client: number };
  scrollTo(top: number): void;
  focused(): string;
  lang(): string;
  text(selector: string): string | null;
}
