// Twin Chat's editor tabs as the concurrent-streams benchmark drives them (bench/concurrent.ts):
// opening one from the command palette, as a user does, and finding the frame its webview runs
// in. Every Twin Chat webview (the sidebar and each tab) has the same extension id in its iframe's
// address, so a new tab's frame is the one that was not there before the command.
import type { Frame } from 'playwright-core';
import type { Workbench } from '../../test/e2e/workbench';
import { eventually } from '../../test/harness/eventually';
import { now } from '../latency';
import { twinChat } from '../latency/pipelines';

const NEW_CHAT_IN_EDITOR = 'Twin Chat: New Chat in Editor';
const TWIN_LABEL = 'Chuyên gia TypeScript';

/** The inner frames of every Twin Chat webview open now. */
function chatFrames(wb: Workbench): Frame[] {
  return wb.page
    .frames()
    .filter((f) => f.parentFrame()?.url().includes(`extensionId=${twinChat.extensionId}`));
}

/** A chat frame is ready once its composer is there: the webview has loaded and rendered. */
async function composerShown(frame: Frame): Promise<boolean> {
  return frame
    .getByRole('textbox', { name: 'Message' })
    .isVisible()
    .catch(() => false);
}

/**
 * Runs "New Chat in Editor" from the palette and waits for the new tab's composer. The time runs
 * from pressing Enter on the command (typing in the palette is the user's, not the tab's) to the
 * composer being visible in a frame that was not there before.
 */
export async function openTab(wb: Workbench): Promise<{ frame: Frame; ms: number }> {
  const before = new Set(chatFrames(wb));
  await wb.page.keyboard.press('F1');
  await wb.quickInput.waitFor();
  await wb.quickInput.fill(`>${NEW_CHAT_IN_EDITOR}`);
  await wb.page
    .locator('.quick-input-list .monaco-list-row', { hasText: NEW_CHAT_IN_EDITOR })
    .first()
    .waitFor();
  const started = now();
  await wb.quickInput.press('Enter');
  let found: Frame | undefined;
  await eventually(
    async () => {
      for (const frame of chatFrames(wb))
        if (!before.has(frame) && (await composerShown(frame))) found = frame;
      return found !== undefined;
    },
    "the new tab's composer",
    { timeoutMs: 60_000, intervalMs: 10 },
  );
  const ms = now() - started;
  if (!found) throw new Error('no new tab');
  return { frame: found, ms };
}

/** Picks the twin the latency benchmark asks, unless the tab already has it. */
export async function pickTwin(frame: Frame): Promise<void> {
  await frame.getByRole('combobox', { name: 'Twin or bot' }).selectOption({ label: TWIN_LABEL });
}

/** Types `question` into the tab's composer without sending it. */
export async function draft(frame: Frame, question: string): Promise<void> {
  await frame.getByRole('textbox', { name: 'Message' }).fill(question);
}

/**
 * Sends the drafted question: a click on Send dispatched in the tab's page. Not a key press: keys
 * go to the one focused frame, so presses sent to four tabs at once would land in one of them.
 */
export async function send(frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: 'Send' }).dispatchEvent('click');
}

/** Resolves once the tab takes the next question. */
export async function ready(frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: 'Send' }).waitFor({ timeout: 60_000 });
}

/** Closes every editor (the tabs included) so the next layout starts empty. */
export async function closeAllEditors(wb: Workbench): Promise<void> {
  await wb.runCommand('View: Close All Editors');
  await eventually(() => chatFrames(wb).length <= 1, 'every chat tab closed', {
    timeoutMs: 30_000,
    intervalMs: 100,
  });
}

/**
 * Four empty editor groups in a 2x2 grid, one tab in each: every tab is visible, so every
 * webview stays alive and renders as its answer streams.
 */
export async function openGrid(wb: Workbench, count: number): Promise<Frame[]> {
  await wb.runCommand('View: Grid Editor Layout (2x2)');
  const frames: Frame[] = [];
  for (let group = 1; group <= count; group++) {
    // Ctrl+<n>: the keybinding of "Focus <n>th Editor Group", which has no palette entry beyond
    // the first. A webview with the focus forwards the key to the workbench.
    await wb.page.keyboard.press(`Control+${group}`);
    const { frame } = await openTab(wb);
    await pickTwin(frame);
    frames.push(frame);
  }
  return frames;
}
