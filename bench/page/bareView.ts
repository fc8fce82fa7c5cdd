// The bare pipeline's webview (bench/latency/barePipeline.ts), the latency benchmark's floor: a
// button that asks its extension for one answer, each chat/delta's text appended in the next
// animation frame, a blank line starting a new paragraph, and the page kept scrolled to its end so
// the new text is on screen. No markdown, no sanitising, no pacing of its own.

interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const host = acquireVsCodeApi();
const messages = document.querySelector('.messages');
const button = document.querySelector('button');
const question = document.querySelector('input');
if (!messages || !button) throw new Error('the bare view has no button or no .messages');
let answer: HTMLElement | undefined;
/** Where the next text goes: the answer's last paragraph. */
let paragraph: HTMLElement | undefined;
let pending = '';
let scheduled = false;

/**
 * Keeps the newest text in view, as every chat view does: text appended below the fold is in the
 * DOM but never drawn, and a floor that skips drawing is not the cost of showing an answer. The
 * benchmark's answer outgrows the view in its first second, after which the page without this
 * drew nothing new but a scroll bar: in a plain Chromium page at the benchmark's 200 deltas/s,
 * following the end doubled the CPU the page cost (scrolling moves every pixel of the view, so
 * each frame is rastered and composited whole). ResizeObserver callbacks run after layout, so the
 * scroll reads a height already computed, as Twin Chat's transcript does (src/webview-ui/scroll.ts).
 */
const page = document.scrollingElement ?? document.documentElement;
new ResizeObserver(() => {
  page.scrollTop = page.scrollHeight;
}).observe(messages);

button.addEventListener('click', () => {
  answer = messages.appendChild(document.createElement('article'));
  answer.className = 'message';
  paragraph = undefined;
  // An empty box asks the extension's default question (the latency bench's).
  host.postMessage({ type: 'start', question: question?.value || undefined });
});

window.addEventListener('message', (event: MessageEvent<{ type?: unknown; text?: unknown }>) => {
  if (event.data.type !== 'chat/delta') return;
  pending += String(event.data.text);
  if (!scheduled) requestAnimationFrame(draw);
  scheduled = true;
});

/**
 * A blank line starts a paragraph, as in the chat view's Markdown. With the whole answer in one
 * paragraph, every frame laid out all of its text again: a cost of the bare page, growing with the
 * answer, not of the platform (`latency.js --profile`, 1,000 deltas: Layout 1,491 ms of the
 * page's main thread against 153 ms for Twin Chat's view). The simulator's blank lines come whole
 * in one delta, so a break is never split between two frames' text.
 */
function draw(): void {
  scheduled = false;
  const parts = pending.split('\n\n');
  pending = '';
  if (!answer) return;
  parts.forEach((part, i) => {
    if (i > 0 || !paragraph) paragraph = answer?.appendChild(document.createElement('p'));
    paragraph?.append(part);
  });
}
