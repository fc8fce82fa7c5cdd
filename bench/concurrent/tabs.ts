// Twin Chat's editor tabs as the concurrent-streams benchmark drives them (bench/concurrent.ts):
// opening one from the command palette, as a user does, and finding the frame its webview runs
// in. Every Twin Chat webview (the sidebar and each tab) has the same extension id in its iframe's
// address, so a new tab's frame is the one that was not there before the command.
import type { Frame, Locator } from 'playwright-core';
import type { Workbench } from '../../test/e2e/workbench';
import { eventually } from '../../test/harness/eventually';
import { now } from '../latency';
import {
  BARE_EXTENSION_ID,
  BARE_NEW_PANEL_COMMAND,
  BARE_QUESTION_BOX,
  BARE_STREAM_BUTTON,
} from '../latency/bareNames';
import { emptyBarePage, emptyConversation, twinChat } from '../latency/pipelines';

/** An editor tab the benchmark streams into: Twin Chat's, or the bare pipeline's (its floor). */
export interface TabKind {
  name: string;
  extensionId: string;
  /** The palette command that opens one in the active editor group. */
  command: string;
  /** Where the question is typed. */
  composer(frame: Frame): Locator;
  /** What sends it. */
  sendButton(frame: Frame): Locator;
  /** Sets a new tab up for streaming (Twin Chat: picks the twin). */
  setUp(frame: Frame): Promise<void>;
  /** Resolves once the tab takes the next question. */
  ready(frame: Frame): Promise<void>;
  /**
   * Empties the tab before a round, so each streams into a page holding only its own answer, as
   * the latency benchmark's runs do (Pipeline.fresh says why).
   */
  fresh(frame: Frame): Promise<void>;
}

export const twinTab: TabKind = {
  name: 'Twin Chat',
  extensionId: twinChat.extensionId,
  command: 'Twin Chat: New Chat in Editor',
  composer: (frame) => frame.getByRole('textbox', { name: 'Message' }),
  sendButton: (frame) => frame.getByRole('button', { name: 'Send' }),
  async setUp(frame) {
    const picker = frame.getByRole('combobox', { name: 'Twin or bot' });
    await picker.selectOption({ label: 'Chuyên gia TypeScript' });
  },
  async ready(frame) {
    await frame.getByRole('button', { name: 'Send' }).waitFor({ timeout: 60_000 });
  },
  /** A new conversation from the tab's own New Chat button; the twin stays picked. */
  async fresh(frame) {
    await frame.getByRole('button', { name: 'New Chat' }).click();
    await emptyConversation(frame);
  },
};

export const bareTab: TabKind = {
  name: 'bare pipeline',
  extensionId: BARE_EXTENSION_ID,
  command: BARE_NEW_PANEL_COMMAND,
  composer: (frame) => frame.getByRole('textbox', { name: BARE_QUESTION_BOX }),
  sendButton: (frame) => frame.getByRole('button', { name: BARE_STREAM_BUTTON }),
  setUp: () => Promise.resolve(),
  // Its stream has ended once chat/done reached the view.
  ready: () => Promise.resolve(),
  fresh: emptyBarePage,
};

/** The inner frames of every webview of `kind` open now. */
function frames(wb: Workbench, kind: TabKind): Frame[] {
  return wb.page
    .frames()
    .filter((f) => f.parentFrame()?.url().includes(`extensionId=${kind.extensionId}`));
}

/** A tab is ready once its composer is there: the webview has loaded and rendered. */
async function composerShown(kind: TabKind, frame: Frame): Promise<boolean> {
  return kind
    .composer(frame)
    .isVisible()
    .catch(() => false);
}

/**
 * Runs the kind's command from the palette and waits for the new tab's composer. The time runs
 * from pressing Enter on the command (typing in the palette is the user's, not the tab's) to the
 * composer being visible in a frame that was not there before.
 */
export async function openTab(
  wb: Workbench,
  kind: TabKind = twinTab,
): Promise<{ frame: Frame; ms: number }> {
  const before = new Set(frames(wb, kind));
  // The palette with the command chosen, again until it holds: on a loaded machine a key pressed
  // while the focus moves between a webview and the workbench can be lost, or close the palette.
  await eventually(
    async () => {
      if (!(await wb.quickInput.isVisible())) await wb.page.keyboard.press('F1');
      try {
        await wb.quickInput.fill(`>${kind.command}`, { timeout: 10_000 });
        await wb.page
          .locator('.quick-input-list .monaco-list-row', { hasText: kind.command })
          .first()
          .waitFor({ timeout: 10_000 });
        return true;
      } catch {
        return false;
      }
    },
    `"${kind.command}" in the command palette`,
    { timeoutMs: 60_000, intervalMs: 100 },
  );
  const started = now();
  await wb.quickInput.press('Enter');
  let found: Frame | undefined;
  await eventually(
    async () => {
      for (const frame of frames(wb, kind))
        if (!before.has(frame) && (await composerShown(kind, frame))) found = frame;
      return found !== undefined;
    },
    `the new ${kind.name} tab's composer`,
    { timeoutMs: 60_000, intervalMs: 10 },
  );
  const ms = now() - started;
  if (!found) throw new Error('no new tab');
  return { frame: found, ms };
}

/** Closes every editor (the tabs included) so the next layout starts empty. */
export async function closeAllEditors(wb: Workbench): Promise<void> {
  await wb.runCommand('View: Close All Editors');
  await eventually(() => frames(wb, twinTab).length <= 1, 'every chat tab closed', {
    timeoutMs: 30_000,
    intervalMs: 100,
  });
}

/**
 * One tab of `kind` in each of the next `count` empty editor groups, set up for streaming: with
 * one tab a group, every tab is visible, so every webview stays alive and renders as it streams.
 */
export async function openInEmptyGroups(
  wb: Workbench,
  kind: TabKind,
  count: number,
): Promise<Frame[]> {
  const opened: Frame[] = [];
  for (let k = 0; k < count; k++) {
    // A click in an empty group makes it the active one, where the command opens its tab.
    const empty = wb.page.locator('.editor-group-container.empty').first();
    await empty.click();
    await wb.page.locator('.editor-group-container.empty.active').waitFor();
    const { frame } = await openTab(wb, kind);
    await kind.setUp(frame);
    opened.push(frame);
  }
  return opened;
}
