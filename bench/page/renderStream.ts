// Installs benchRenderStream (api.ts) in the chat view's page for bench/render.ts. The deltas are
// posted from inside the page on a timer, the way VS Code delivers the host's postMessage calls,
// so the harness adds no work of its own to every frame.
import type { HostToWebview } from '../../src/shared/protocol';
import { STREAM_GIVE_UP_MS, type StreamResult } from './shared/api';

let messages: HostToWebview[] = [];

/** Resolves when `target`'s text reaches `expectedLength` or gives up; when its DOM last changed. */
function watchUntilComplete(
  target: Element,
  expectedLength: number,
  lastPost: number,
): Promise<{ lastChange: number; complete: boolean }> {
  return new Promise((resolve) => {
    let lastChange = lastPost;
    const observer = new MutationObserver(() => {
      lastChange = performance.now();
    });
    observer.observe(target, { childList: true, subtree: true, characterData: true });
    const check = (): void => {
      const complete = (target.textContent ?? '').length >= expectedLength;
      if (!complete && performance.now() - lastPost < STREAM_GIVE_UP_MS) {
        setTimeout(check, 20);
        return;
      }
      observer.disconnect();
      resolve({ lastChange, complete });
    };
    check();
  });
}

function stream(
  times: number[],
  watchSelector: string | null,
  expectedLength: number,
): Promise<StreamResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    let sent = 0;
    let maxLateMs = 0;
    const finish = (): void => {
      const lastPost = performance.now();
      const target = watchSelector ? document.querySelector(watchSelector) : null;
      if (!target) return resolve({ maxLateMs, backlogMs: 0, complete: true });
      void watchUntilComplete(target, expectedLength, lastPost).then(({ lastChange, complete }) =>
        resolve({ maxLateMs, backlogMs: lastChange - lastPost, complete }),
      );
    };
    const step = (): void => {
      const now = performance.now() - start;
      while (sent < messages.length && (times[sent] ?? Infinity) <= now) {
        maxLateMs = Math.max(maxLateMs, now - (times[sent] ?? now));
        window.postMessage(messages[sent++], '*');
      }
      if (sent >= messages.length) return finish();
      setTimeout(step, Math.max(0, (times[sent] ?? 0) - (performance.now() - start)));
    };
    step();
  });
}

// Off-screen parts of a one-shot render are never laid out or painted (content-visibility), while
// a stream lays out and paints every block as it arrives: scrolling through makes the browser do
// that work too.
function scrollThrough(): Promise<void> {
  return new Promise((resolve) => {
    const transcript = document.querySelector('.transcript');
    if (!transcript) throw new Error('no transcript on the page');
    transcript.scrollTop = 0;
    const step = (): void => {
      if (transcript.scrollTop + transcript.clientHeight >= transcript.scrollHeight - 1)
        return resolve();
      transcript.scrollTop += transcript.clientHeight;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
}

globalThis.benchRenderStream = {
  load: (loaded) => {
    messages = loaded;
  },
  stream,
  scrollThrough,
  textLength: (selector) => document.querySelector(selector)?.textContent?.length ?? 0,
};
