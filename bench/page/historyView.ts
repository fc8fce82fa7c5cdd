// Installs benchHistoryView (api.ts) in the chat view's page for bench/history.ts.
import type { ConversationView } from '../../src/shared/protocol';

let conversation: ConversationView | undefined;

/** Resolves after the first frame painted with message `lastId` in the DOM; ms since posting. */
function open(lastId: string): Promise<number> {
  return new Promise((resolve) => {
    const start = performance.now();
    window.postMessage({ type: 'conversation/show', conversation }, '*');
    const shown = (): Element | null =>
      document.querySelector(`.message[data-message-id="${lastId}"]`);
    const check = (): void => {
      requestAnimationFrame(() => {
        if (!shown()) return check();
        // A task queued from the frame callback runs after that frame's style, layout and paint.
        setTimeout(() => resolve(performance.now() - start), 0);
      });
    };
    check();
  });
}

function domSize(): { nodes: number; messages: number } {
  let nodes = 0;
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) nodes++;
  return { nodes, messages: document.querySelectorAll('.message').length };
}

function scroll(frames: number, step: number): Promise<{ intervals: number[]; top: number }> {
  return new Promise((resolve) => {
    const transcript = document.querySelector('.transcript');
    if (!transcript) throw new Error('no transcript on the page');
    const intervals: number[] = [];
    let last = 0;
    let left = frames;
    const tick = (now: number): void => {
      if (last) intervals.push(now - last);
      last = now;
      if (left-- <= 0) return resolve({ intervals, top: transcript.scrollTop });
      transcript.scrollTop -= step;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

globalThis.benchHistoryView = {
  load: (loaded) => {
    conversation = loaded;
  },
  loaded: () => conversation,
  open,
  domSize,
  scroll,
};
