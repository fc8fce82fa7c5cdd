// Installs benchLatencyChat (api.ts) in a chat webview's inner frame, afresh for every answer:
// when each chat/delta message arrives (a capturing listener, so before the view's own) and when
// each "Đoạn i:" first appears in the DOM. The observer looks only at what each mutation added or
// changed, in messages that did not exist when installed.
import type { Batch, ChatEnd } from './shared/api';
import { batchOf, markersIn, pageNow } from './shared/markers';

const visible: (number | undefined)[] = [];
const messages: Batch[] = [];
let done: ChatEnd = false;
const received: Record<string, { count: number; chars: number }> = {};
const old = new Set(document.querySelectorAll('article.message'));

function fresh(node: Node): boolean {
  const element = node instanceof Element ? node : node.parentElement;
  const article = element?.closest('article.message');
  return !article || !old.has(article);
}

function scan(text: string, at: number): void {
  for (const index of markersIn(text)) if (visible[index] === undefined) visible[index] = at;
}

const observer = new MutationObserver((records) => {
  const at = pageNow();
  for (const record of records) {
    if (!fresh(record.target)) continue;
    if (record.type === 'characterData') scan((record.target as CharacterData).data, at);
    else for (const node of record.addedNodes) scan(node.textContent ?? '', at);
  }
});
const list = document.querySelector('.messages');
if (!list) throw new Error('no .messages in the view');
observer.observe(list, { childList: true, subtree: true, characterData: true });

function onMessage(event: MessageEvent<unknown>): void {
  const at = pageNow();
  const data = event.data as { type?: unknown; text?: unknown } | null;
  if (!data || typeof data !== 'object') return;
  const type = typeof data.type === 'string' ? data.type : '?';
  const seen = (received[type] ??= { count: 0, chars: 0 });
  seen.count += 1;
  seen.chars += JSON.stringify(data).length;
  if (data.type === 'chat/delta' && typeof data.text === 'string')
    messages.push(batchOf(data.text, at));
  else if (data.type === 'chat/done' || data.type === 'chat/error') done = data.type;
}
window.addEventListener('message', onMessage, true);

globalThis.benchLatencyChat = {
  done: () => done,
  seen: () => visible.filter((v) => v !== undefined).length,
  finish: () => {
    observer.disconnect();
    window.removeEventListener('message', onMessage, true);
    return { visible: Array.from(visible, (v) => v ?? null), messages, done, received };
  },
};
