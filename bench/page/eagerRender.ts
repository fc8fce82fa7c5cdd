// Installs benchEagerRender (api.ts) for bench/history.ts's baseline: every message of the
// conversation historyView.ts holds rendered at once with the view's own MessageItem, into the
// transcript's list.
import { createMarkdown } from '../../src/webview-ui/markdown/renderer';
import { MessageItem } from '../../src/webview-ui/views/messageItem';

const md = createMarkdown();

function renderAll(): Promise<number> {
  return new Promise((resolve) => {
    const start = performance.now();
    const list = document.querySelector('.transcript .messages');
    const transcript = document.querySelector('.transcript');
    const messages = globalThis.benchHistoryView?.loaded()?.messages;
    if (!list || !transcript || !messages) throw new Error('no transcript or no conversation');
    const items = messages.map((m) => new MessageItem(m, md, () => {}));
    list.replaceChildren(...items.map((item) => item.element));
    transcript.scrollTop = transcript.scrollHeight;
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
  });
}

globalThis.benchEagerRender = { renderAll };
