import * as assert from 'node:assert/strict';
import { eventually } from '../harness/eventually';
import { useChatPage } from './harness/hooks';
import { viewState } from './harness/state';

// VS Code's Dark High Contrast theme gives lists no selection background (list.activeSelection*
// are null there); it marks the selected row with a dashed contrastActiveBorder outline instead.
// The webview gets only the colours the theme defines, as variables on <html>.
const HIGH_CONTRAST_DARK: Record<string, string> = {
  '--vscode-foreground': '#ffffff',
  '--vscode-sideBar-background': '#000000',
  '--vscode-contrastBorder': '#6fc3df',
  '--vscode-contrastActiveBorder': '#f38518',
  '--vscode-focusBorder': '#f38518',
};

/** What tells the # list's rows apart on screen: colours, outline and border. */
const OPTION_LOOKS = `Array.from(document.querySelectorAll('.mention-option'), (el) => {
  const s = getComputedStyle(el);
  return [s.backgroundColor, s.color, s.outlineStyle, s.outlineColor, s.borderStyle, s.borderColor].join(' ');
})`;

describe('high-contrast theme', () => {
  const chat = useChatPage();

  it('shows which # file is selected without a selection background', async () => {
    await chat().init(viewState());
    await chat().page.evaluate((vars) => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { style: { setProperty(n: string, v: string): void } } };
        }
      ).document.documentElement;
      for (const [name, value] of Object.entries(vars)) root.style.setProperty(name, value);
    }, HIGH_CONTRAST_DARK);
    await chat().page.getByRole('textbox', { name: 'Message' }).click();
    await chat().page.keyboard.type('#a');
    await chat().waitForPosted('mention/query', 2);
    await chat().send({
      type: 'mention/results',
      query: 'a',
      files: [
        { uri: 'file:///w/a.ts', path: 'a.ts', open: false },
        { uri: 'file:///w/b.ts', path: 'b.ts', open: false },
      ],
    });
    const options = chat()
      .page.getByRole('listbox', { name: 'Workspace files' })
      .getByRole('option');
    await eventually(async () => (await options.count()) === 2, 'two files listed');
    assert.equal(await options.nth(0).getAttribute('aria-selected'), 'true');
    const [selected, other] = await chat().page.evaluate<string[]>(OPTION_LOOKS);
    assert.notEqual(selected, other, `the selected file looks like the others: ${selected}`);
  });
});
