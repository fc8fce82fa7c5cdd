import type { ChatPage } from './chatPage';

// Frames the test runs one at a time from inside the page. Playwright's clock (ChatPage's
// 'manual' time) steps frames too, but each step is a round trip that also adds an init script,
// tens of milliseconds apiece: too slow to draw an answer one character per frame. The webview's
// clock reads requestAnimationFrame and performance.now at each call (browserClock.ts), so the
// page's own globals are replaced instead. While frames are held, time stands still: every render
// costs nothing, so the frame scheduler's pacing never defers one to a timer, and each step draws
// exactly what arrived before it.
const STEPPED_FRAMES_SCRIPT = String.raw`(() => {
  if (window.__steppedFrames) return;
  const realFrame = window.requestAnimationFrame.bind(window);
  const realNow = performance.now.bind(performance);
  const queued = [];
  let held = false;
  let heldAt = 0;
  window.requestAnimationFrame = (callback) => {
    if (!held) return realFrame(callback);
    queued.push(callback);
    return 0;
  };
  performance.now = () => (held ? heldAt : realNow());
  window.__steppedFrames = {
    hold: () => { held = true; heldAt = realNow(); },
    step: () => {
      const due = queued.splice(0);
      for (const callback of due) callback(heldAt);
      return due.length;
    },
  };
})()`;

/** What the page checks after every frame of a stream (see `streamFrameByFrame`). */
const FRAME_CHECK = String.raw`(messageId, source, allowedTags) => {
  const problems = [];
  const selector = '.message[data-message-id="' + messageId + '"] .message-body';
  for (const problem of window.__test.audit(allowedTags, selector)) problems.push('unsafe DOM: ' + problem);
  const body = document.querySelector(selector);
  if (!body) return ['no body for ' + messageId];
  for (const element of body.querySelectorAll('[data-url]')) {
    const url = element.getAttribute('data-url');
    if (!/^https?:\/\//i.test(url)) problems.push('a live link to ' + url);
  }
  // Words shown more often than the text so far holds them: text drawn twice. The view's own
  // labels (code toolbar, hidden-character notes and marks) are not the answer's words.
  const count = (text) => {
    const counts = new Map();
    for (const word of text.match(/[\p{L}\p{M}\p{N}]{3,}/gu) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
    return counts;
  };
  const shown = body.cloneNode(true);
  shown.querySelectorAll('.code-toolbar, .code-hidden-note, .md-image-embedded').forEach((e) => e.remove());
  const inSource = count(source);
  for (const [word, times] of count(shown.textContent.replace(/⟦[^⟧]*⟧/g, ' '))) {
    if (times > (inSource.get(word) ?? times)) problems.push(word + ' shown ' + times + ' times, sent ' + inSource.get(word));
  }
  return problems;
}`;

/** Replaces the page's frame and time sources; from now on frames run only through the stream. */
export async function holdFrames(chat: ChatPage): Promise<void> {
  await chat.page.evaluate(STEPPED_FRAMES_SCRIPT);
  await chat.page.evaluate('window.__steppedFrames.hold()');
}

/** Runs the frames requested so far (and none that they request). */
export async function stepFrame(chat: ChatPage): Promise<void> {
  await chat.call('delivered');
  await chat.page.evaluate('window.__steppedFrames.step()');
}

/**
 * Posts each delta of `requestId` as the host would, lets the page handle it, runs one frame, and
 * checks the page: no tag or attribute outside `allowedTags` and the safe set, no link to anything
 * but the web, no word of the answer shown more often than the text so far holds it. Returns the
 * problems found, each with the number of deltas drawn when it was seen.
 */
export async function streamFrameByFrame(
  chat: ChatPage,
  requestId: string,
  messageId: string,
  deltas: string[],
  allowedTags: string[],
): Promise<string[]> {
  return chat.page.evaluate(
    `(async ({ requestId, messageId, deltas, allowedTags }) => {
      const check = ${FRAME_CHECK};
      const problems = [];
      let source = '';
      for (const [index, text] of deltas.entries()) {
        window.postMessage({ type: 'chat/delta', requestId, text }, '*');
        await window.__test.delivered();
        window.__steppedFrames.step();
        source += text;
        for (const problem of check(messageId, source, allowedTags)) {
          if (problems.length < 20) problems.push('after delta ' + index + ': ' + problem);
        }
      }
      return problems;
    })(${JSON.stringify({ requestId, messageId, deltas, allowedTags })})`,
  );
}
