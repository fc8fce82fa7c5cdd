// Drop, paste and `#` mention in the composer: what the page posts to the host for each form a
// drop or paste can take. The page never reads a file; it names files and forwards clipboard bytes.
import * as assert from 'node:assert/strict';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

/** A real 1x1 PNG, so the thumbnail can be seen to load under the page's CSP. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

/**
 * Runs in the page: builds a DataTransfer from `setup` (JavaScript over `dt`) and fires dragenter,
 * dragover and drop on the transcript, as Chromium does for a real drop. Returns whether the hint
 * showed during the drag and whether the page took the drop (preventDefault).
 */
function dropScript(setup: string): string {
  return `(() => {
    const dt = new DataTransfer();
    ${setup}
    const target = document.querySelector('.transcript');
    const fire = (type) => {
      const event = new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true });
      target.dispatchEvent(event);
      return event.defaultPrevented;
    };
    fire('dragenter');
    fire('dragover');
    const hint = document.querySelector('.drop-hint');
    const hintShown = !hint.hidden && hint.textContent;
    const taken = fire('drop');
    return { hintShown, taken, hintAfter: !hint.hidden };
  })()`;
}

function pasteScript(setup: string): string {
  return `(() => {
    const dt = new DataTransfer();
    ${setup}
    const event = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
    document.querySelector('textarea.message-input').dispatchEvent(event);
    return event.defaultPrevented;
  })()`;
}

const HINT = 'Drop to attach. From the Explorer, hold Shift while you drop.';

describe('drop, paste and # mention into the composer', () => {
  const chat = useChatPage();
  const evaluate = <T>(script: string) => chat().page.evaluate<T>(script);
  const notice = () => chat().page.locator('.composer-notice');

  beforeEach(async () => {
    await chat().init(viewState());
  });

  it('VS Code drop (resourceurls, Shift held): shows the hint, posts the URIs as one uri-list', async () => {
    const result = await evaluate<{ hintShown: string; taken: boolean; hintAfter: boolean }>(
      dropScript(`dt.setData('resourceurls', JSON.stringify([
        'file:///work/src/a.ts', 'file:///work/src/dir%20with%20space', 42]));`),
    );
    assert.deepEqual(result, { hintShown: HINT, taken: true, hintAfter: false });
    assert.deepEqual(await chat().waitForPosted('attachment/addUris'), [
      {
        type: 'attachment/addUris',
        uris: 'file:///work/src/a.ts\nfile:///work/src/dir%20with%20space',
      },
    ]);
  });

  it('text/uri-list drop (editor tab, OS file manager on Linux): comments skipped, URIs posted', async () => {
    await evaluate(
      dropScript(
        `dt.setData('text/uri-list', '# dragged\\r\\nfile:///work/b.md\\r\\nfile:///work/c.md\\r\\n');`,
      ),
    );
    assert.deepEqual(await chat().waitForPosted('attachment/addUris'), [
      { type: 'attachment/addUris', uris: 'file:///work/b.md\nfile:///work/c.md' },
    ]);
  });

  it('a Files-only drop (no paths given): explains instead of posting, and reads nothing', async () => {
    const result = await evaluate<{ taken: boolean }>(
      dropScript(`dt.items.add(new File(['secret'], 'report.pdf', { type: 'application/pdf' }));`),
    );
    assert.equal(result.taken, true, 'the page takes the drop so the browser does not open it');
    await eventually(async () => notice().isVisible(), 'the notice under the chips');
    assert.match(await notice().innerText(), /system file manager cannot be attached here/);
    assert.deepEqual(
      await chat()
        .posted()
        .then((p) => p.filter((m) => m.type.startsWith('attachment/'))),
      [],
    );
  });

  it('pastes a PNG: posts its bytes as base64, and its chip shows the local bytes as a thumbnail', async () => {
    const prevented = await evaluate<boolean>(
      pasteScript(`
        const bytes = Uint8Array.from(atob('${PNG_BASE64}'), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], 'image.png', { type: 'image/png' }));`),
    );
    assert.equal(prevented, true);
    const [pasted] = await chat().waitForPosted('attachment/pasteImage');
    assert.equal(pasted?.data, PNG_BASE64);
    assert.ok(pasted?.key);
    await chat().send({
      type: 'attachments/update',
      attachments: [
        { id: 'a1', name: 'pasted-image-1.png', size: 70, kind: 'file', pasteKey: pasted.key },
      ],
    });
    const thumbnail = `document.querySelector('.chip[data-attachment-id="a1"] img.chip-thumbnail')`;
    let drawn: unknown;
    await eventually(
      async () => (drawn = await evaluate(`(${thumbnail} || {}).naturalWidth`)) === 1,
      'the thumbnail drawn from the pasted bytes',
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; naturalWidth ${String(drawn)}`);
    });
    assert.match(await evaluate<string>(`${thumbnail}.src`), /^blob:/);
    assert.match(
      await chat().page.locator('.chip[data-attachment-id="a1"]').innerText(),
      /pasted-image-1\.png\s*70 bytes/,
    );
    assert.deepEqual(
      chat().requests.filter(
        (url) => !url.startsWith(chat().server.origin) && !url.startsWith('blob:'),
      ),
      [],
    );
  });

  it('pasting text still pastes text, even when the clipboard also holds a picture of it', async () => {
    const prevented = await evaluate<boolean>(
      pasteScript(`
        dt.setData('text/plain', 'plain words');
        dt.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'x.png', { type: 'image/png' }));`),
    );
    assert.equal(prevented, false, 'the browser inserts the text');
    await chat().settle();
    assert.deepEqual(await chat().postedOfType('attachment/pasteImage'), []);
  });

  it('# by keyboard: queries the host as you type, arrows and Enter attach a file and leave #name', async () => {
    const box = chat().page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await chat().page.keyboard.type('explain #rea');
    const queries = await chat().waitForPosted('mention/query', 4);
    assert.deepEqual(
      queries.map((q) => q.query),
      ['', 'r', 're', 'rea'],
    );
    await chat().send({
      type: 'mention/results',
      query: 'rea',
      files: [
        { uri: 'file:///w/README.md', path: 'README.md', open: true },
        { uri: 'file:///w/src/reader.ts', path: 'src/reader.ts', open: false },
      ],
    });
    // An answer to a query already typed past, arriving late, is ignored.
    await chat().send({
      type: 'mention/results',
      query: 're',
      files: [{ uri: 'file:///w/stale.ts', path: 'stale.ts', open: false }],
    });
    await chat().settle();
    const options = chat()
      .page.getByRole('listbox', { name: 'Workspace files' })
      .getByRole('option');
    await eventually(async () => (await options.count()) === 2, 'two files listed');
    assert.equal(await box.getAttribute('aria-expanded'), 'true');
    await chat().page.keyboard.press('ArrowDown');
    assert.equal(await box.getAttribute('aria-activedescendant'), 'mention-option-1');
    assert.equal(await options.nth(1).getAttribute('aria-selected'), 'true');
    await chat().page.keyboard.press('Enter');
    assert.deepEqual(await chat().waitForPosted('attachment/addUris'), [
      { type: 'attachment/addUris', uris: 'file:///w/src/reader.ts' },
    ]);
    assert.equal(await box.inputValue(), 'explain #reader.ts ');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(await chat().postedOfType('chat/send'), [], 'Enter chose; it did not send');
  });

  it('Escape closes the # list and the next Enter sends', async () => {
    const box = chat().page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await chat().page.keyboard.type('#a');
    await chat().waitForPosted('mention/query', 2);
    await chat().send({
      type: 'mention/results',
      query: 'a',
      files: [{ uri: 'file:///w/a.ts', path: 'a.ts', open: false }],
    });
    const options = chat()
      .page.getByRole('listbox', { name: 'Workspace files' })
      .getByRole('option');
    await eventually(async () => (await options.count()) === 1, 'listed');
    await chat().page.keyboard.press('Escape');
    assert.equal(await box.getAttribute('aria-expanded'), 'false');
    await chat().page.keyboard.press('Enter');
    assert.deepEqual(await chat().waitForPosted('chat/send'), [{ type: 'chat/send', text: '#a' }]);
    assert.deepEqual(await chat().postedOfType('attachment/addUris'), []);
  });
});
