import * as assert from 'node:assert/strict';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string): number => {
    const [r = 0, g = 0, bl = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe('message and composer chrome', () => {
  const chat = useChatPage();

  it('drops the server’s "thinking" progress once the answer’s text streams', async () => {
    await chat().init(viewState());
    await chat().send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: message('u1', 'user', 'Hi'),
      assistantMessage: message('a1', 'assistant', '', { status: 'streaming' }),
    });
    await chat().send({ type: 'chat/progress', requestId: 'r1', message: 'thinking' });
    await chat().settle();
    const footer = chat().page.locator('.message.assistant .message-footer');
    assert.match(await footer.innerText(), /thinking/);
    await chat().send({ type: 'chat/delta', requestId: 'r1', text: 'Hello' });
    await chat().settle();
    assert.doesNotMatch(await footer.innerText(), /thinking/);
    assert.match(await footer.innerText(), /Answering/);
  });

  for (const locale of ['en', 'vi']) {
    it(`keeps Send and Stop the same width (${locale})`, async () => {
      const strings: Record<string, string> =
        locale === 'vi' ? { send: 'Gửi', stop: 'Dừng lại' } : {};
      await chat().init(viewState({ locale, strings }));
      // The icons are a font: measured before it has loaded, the button is an icon narrower.
      await chat().page.evaluate('document.fonts.ready.then(() => true)');
      const button = chat().page.locator('.send-button');
      const sendWidth = (await button.boundingBox())?.width;
      await chat().send({
        type: 'chat/started',
        requestId: 'r1',
        userMessage: message('u1', 'user', 'Hi'),
        assistantMessage: message('a1', 'assistant', '', { status: 'streaming' }),
      });
      await chat().settle();
      assert.equal(await button.getAttribute('aria-label'), strings['stop'] ?? 'Stop');
      assert.equal(
        await button.innerText(),
        strings['stop'] ?? 'Stop',
        'only the current word shows',
      );
      assert.equal((await button.boundingBox())?.width, sendWidth);
    });
  }

  it('marks a stopped answer with a sign that is not a square (an unticked checkbox)', async () => {
    const stopped = message('a1', 'assistant', 'Part', { status: 'stopped' });
    await chat().init(viewState({ conversation: conversation([stopped]) }));
    const marker = chat().page.locator('.message-note.stopped .codicon');
    assert.equal(await marker.count(), 1);
    const shape = await marker.getAttribute('class');
    assert.doesNotMatch(shape ?? '', /debug-stop|primitive-square|stop\b/);
  });

  it('reads "76 bytes" and "1 byte" on attachment chips, with a remove button that stands out', async () => {
    await chat().init(
      viewState({
        attachments: [
          { id: 'f1', name: 'notes.txt', size: 76, kind: 'file' },
          { id: 'f2', name: 'x.txt', size: 1, kind: 'file' },
        ],
      }),
    );
    const sizes = await chat().page.locator('.chips .chip-size').allInnerTexts();
    assert.deepEqual(sizes, ['76 bytes', '1 byte']);
    // VS Code's blue badge with the default icon colour, the case the x was hard to see on.
    // VS Code's blue badge with the default icon colour, the case the x was hard to see on (set
    // through the CSSOM: the page's CSP refuses inline style).
    const colours = await chat().page.evaluate<{ chip: string; x: string }>(`(() => {
      const root = document.documentElement.style;
      root.setProperty('--vscode-badge-background', '#0078d4');
      root.setProperty('--vscode-badge-foreground', '#ffffff');
      root.setProperty('--vscode-icon-foreground', '#cccccc');
      const chip = document.querySelector('.chips .chip');
      return {
        chip: getComputedStyle(chip).backgroundColor,
        x: getComputedStyle(chip.querySelector('.icon-button')).color,
      };
    })()`);
    assert.ok(contrast(colours.x, colours.chip) >= 4.5, JSON.stringify(colours));
  });
});

describe('message times', () => {
  const chat = useChatPage();
  const SENT = Date.UTC(2023, 10, 14, 22, 13, 20);
  const FINISHED = Date.UTC(2023, 10, 14, 22, 47, 5);

  for (const locale of ['en', 'vi']) {
    it(`shows when a question was sent and an answer finished, in the locale (${locale})`, async () => {
      const messages = [
        message('u1', 'user', 'Hi', { createdAt: SENT }),
        message('a1', 'assistant', 'Hello', { createdAt: SENT, finishedAt: FINISHED }),
      ];
      await chat().init(viewState({ locale, conversation: conversation(messages) }));
      const times = chat().page.locator('.message-header .message-time');
      assert.deepEqual(
        await chat().page.evaluate<string[]>(
          `Array.from(document.querySelectorAll('.message-header .message-time'), (t) => t.getAttribute('data-datetime'))`,
        ),
        [new Date(SENT).toISOString(), new Date(FINISHED).toISOString()],
      );
      // Formatted in the page's locale and time zone, as the page's Intl does it.
      const expected = await chat().page.evaluate<string[]>(
        `[${SENT}, ${FINISHED}].map((t) => new Intl.DateTimeFormat('${locale}', { dateStyle: 'short', timeStyle: 'short' }).format(t))`,
      );
      const shown = await times.allInnerTexts();
      assert.equal(shown.length, 2);
      shown.forEach((text, i) => assert.equal(text, expected[i]));
      assert.ok((await times.first().getAttribute('title'))?.includes('2023'));
    });
  }

  it('shows no time on an answer while it streams', async () => {
    await chat().init(viewState());
    await chat().send({
      type: 'chat/started',
      requestId: 'r1',
      userMessage: message('u1', 'user', 'Hi'),
      assistantMessage: message('a1', 'assistant', '', { status: 'streaming' }),
    });
    await chat().settle();
    assert.equal(await chat().page.locator('.message.assistant .message-time').innerText(), '');
    await chat().send({
      type: 'chat/done',
      requestId: 'r1',
      message: message('a1', 'assistant', 'Hello', { finishedAt: Date.UTC(2023, 0, 1) }),
    });
    await chat().settle();
    assert.notEqual(await chat().page.locator('.message.assistant .message-time').innerText(), '');
  });
});
