// The bare pipeline's webview (bench/latency/barePipeline.ts), the latency benchmark's floor: a
// button that asks its extension for one answer, and each chat/delta's text appended in the next
// animation frame. No markdown, no sanitising, no pacing of its own.

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
let pending = '';
let scheduled = false;

button.addEventListener('click', () => {
  answer = messages.appendChild(document.createElement('article'));
  answer.className = 'message';
  // An empty box asks the extension's default question (the latency bench's).
  host.postMessage({ type: 'start', question: question?.value || undefined });
});

window.addEventListener('message', (event: MessageEvent<{ type?: unknown; text?: unknown }>) => {
  if (event.data.type !== 'chat/delta') return;
  pending += String(event.data.text);
  if (!scheduled) requestAnimationFrame(draw);
  scheduled = true;
});

function draw(): void {
  answer?.append(pending);
  pending = '';
  scheduled = false;
}
