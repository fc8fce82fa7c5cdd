import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UI_STRINGS } from '../../src/shared/uiStrings';
import { repoRoot } from './harness/server';
import { useChatPage } from './harness/hooks';
import { conversation, message, viewState } from './harness/state';

function vietnamese(): Record<string, string> {
  const file = path.join(repoRoot(), 'l10n', 'bundle.l10n.vi.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/** What the host does: translate every English text through the l10n bundle. */
function translatedStrings(bundle: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(UI_STRINGS).map(([key, english]) => [key, bundle[english] ?? english]),
  );
}

describe('languages', () => {
  const chat = useChatPage();

  it('has a Vietnamese translation for every UI string', () => {
    const bundle = vietnamese();
    const missing = Object.values(UI_STRINGS).filter((english) => !bundle[english]);
    assert.deepEqual(missing, []);
  });

  it('shows English by default', async () => {
    await chat().init(viewState());
    assert.equal(await chat().call('lang'), 'en');
    await chat().page.getByRole('textbox', { name: 'Message' }).waitFor();
    await chat().page.getByRole('button', { name: 'Send' }).waitFor();
    await chat().page.getByRole('button', { name: 'New Chat' }).waitFor();
  });

  it('shows Vietnamese from state.strings and sets the document language', async () => {
    const bundle = vietnamese();
    await chat().init(viewState({ locale: 'vi', strings: translatedStrings(bundle) }));
    assert.equal(await chat().call('lang'), 'vi');
    await chat().page.getByRole('textbox', { name: bundle['Message'] }).waitFor();
    await chat().page.getByRole('button', { name: bundle['Send'], exact: true }).waitFor();
    await chat().page.getByRole('button', { name: bundle['New Chat'], exact: true }).waitFor();
    const placeholder = await chat()
      .page.getByRole('textbox', { name: bundle['Message'] })
      .getAttribute('placeholder');
    assert.equal(placeholder, bundle[UI_STRINGS.messagePlaceholder]);
  });

  it('fills placeholders and falls back to English for a missing key', async () => {
    const bundle = vietnamese();
    // A host that sends only some translations: the rest must show in English, and `{0}` must be
    // filled in both the translated and the English text.
    const strings = { removeAttachment: bundle[UI_STRINGS.removeAttachment] ?? '', send: 'Gửi' };
    assert.equal(strings.removeAttachment, 'Gỡ {0}', 'the Vietnamese template has a placeholder');
    await chat().init(
      viewState({
        locale: 'vi',
        strings,
        attachments: [{ id: 'f1', name: 'report.pdf', size: 2048, kind: 'file', note: '' }],
        conversation: conversation([message('a1', 'assistant', '```ts\nconst x = 1;\n```')]),
      }),
    );
    const page = chat().page;
    await page.getByRole('button', { name: 'Gỡ report.pdf', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Gửi', exact: true }).waitFor();
    await page.getByRole('button', { name: UI_STRINGS.newChat, exact: true }).waitFor();
    await page.getByRole('toolbar', { name: 'Code actions for ts', exact: true }).waitFor();
    const html = await page.evaluate<string>('document.body.outerHTML');
    assert.ok(!html.includes('{0}'), 'no placeholder left unfilled');
  });
});
