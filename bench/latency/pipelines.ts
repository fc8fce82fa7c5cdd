// The two pipelines the latency benchmark alternates in one VS Code (issue #24): Twin Chat as a
// user drives it, and the bare pipeline (bench/latency/barePipeline.ts), VS Code's own floor. Each says
// how to open its view, ask one question and tell when it is ready for the next.
import type { Frame, FrameLocator } from 'playwright-core';
import type { Workbench } from '../../test/e2e/workbench';
import { eventually } from '../../test/harness/eventually';
import { DEMO_CREDENTIALS } from '../../test/simulator/server';
import { BARE_EXTENSION_ID, BARE_SHOW_COMMAND, BARE_STREAM_BUTTON } from './bareNames';

export interface Pipeline {
  name: string;
  extensionId: string;
  /** Opens its view and sets it up, once per workbench. */
  open(wb: Workbench): Promise<void>;
  /**
   * Empties its page before a run, so every run streams into a page holding only its own answer:
   * one page gathering all 128 rounds (51,200 paragraphs) slowed both pipelines through the run,
   * the bare one most (its median per run went from 11-13 ms to 22-34 ms, Twin Chat's from 14-15
   * to 18-37), so the ratio measured how far the run had got.
   */
  fresh(wb: Workbench): Promise<void>;
  /** Asks for one answer, as a user would. */
  send(wb: Workbench, question: string): Promise<void>;
  /** Resolves when the answer has finished and the view takes the next question. */
  ready(wb: Workbench): Promise<void>;
}

/** The content document of an extension's webview: the frame inside its webview iframe. */
export function viewFrame(wb: Workbench, extensionId: string): Frame {
  const frame = wb.page
    .frames()
    .find((f) => f.parentFrame()?.url().includes(`extensionId=${extensionId}`));
  if (!frame) throw new Error(`the webview's inner frame of ${extensionId} was not found`);
  return frame;
}

export const twinChat: Pipeline = {
  name: 'Twin Chat',
  extensionId: 'twinchat.twin-chat',
  /** Opens the chat view, stores the API key and picks a twin, as a user does (journey steps 1-3). */
  async open(wb) {
    await wb.page.locator('.activitybar .action-label[aria-label^="Twin Chat"]').click();
    await wb.chat.getByRole('heading', { name: 'Chat with your AI twins' }).waitFor();
    await wb.runCommand('Twin Chat: Set TwinExpert API Key');
    await wb.answerInputBox('Paste your TwinExpert API key', DEMO_CREDENTIALS.twinExpertApiKey);
    const picker = wb.chat.getByRole('combobox', { name: 'Twin or bot' });
    await picker.selectOption({ label: 'Chuyên gia TypeScript' });
  },
  /** A new conversation, as a user starts one: the twin stays picked. */
  async fresh(wb) {
    await wb.runCommand('Twin Chat: New Chat');
    await emptyConversation(wb.chat);
  },
  async send(wb, question) {
    const input = wb.chat.getByRole('textbox', { name: 'Message' });
    await input.fill(question);
    await input.press('Enter');
  },
  async ready(wb) {
    await wb.chat.getByRole('button', { name: 'Send' }).waitFor();
  },
};

/** Waits until a Twin Chat view (side bar or tab) shows the new conversation it was asked for. */
export async function emptyConversation(view: Frame | FrameLocator): Promise<void> {
  const empty = async () => (await view.locator('article.message').count()) === 0;
  await eventually(empty, 'a new, empty conversation', { timeoutMs: 10_000, intervalMs: 50 });
}

/**
 * Takes a bare page's answers away (its view or one of its tabs). A function, not a string:
 * Playwright evaluates a string as an expression and does not call the function it yields, so
 * the string used here before left every answer on the page, and the bare pipeline slowed through
 * the run as its page grew. Reading back what is left keeps that from happening unseen.
 */
export async function emptyBarePage(page: Frame | FrameLocator): Promise<void> {
  const left = await page
    .locator('.messages')
    // Typed by what it uses: bench/ is compiled without the DOM's types.
    .evaluate((messages: { replaceChildren(): void; childElementCount: number }) => {
      messages.replaceChildren();
      return messages.childElementCount;
    });
  if (left !== 0) throw new Error(`the bare page was not emptied: ${String(left)} answers left`);
}

function bareView(wb: Workbench): FrameLocator {
  return wb.page
    .frameLocator(`iframe.webview.ready[src*="extensionId=${BARE_EXTENSION_ID}"]`)
    .frameLocator('#active-frame');
}

/** Its view sits in the panel, so Twin Chat's stays open in the side bar beside it. */
export const bare: Pipeline = {
  name: 'bare pipeline',
  extensionId: BARE_EXTENSION_ID,
  async open(wb) {
    await wb.runCommand(BARE_SHOW_COMMAND);
    await bareView(wb).getByRole('button', { name: BARE_STREAM_BUTTON }).waitFor();
  },
  /** The floor has no conversations: its page's answers are taken away. */
  async fresh(wb) {
    await emptyBarePage(bareView(wb));
  },
  async send(wb) {
    await bareView(wb).getByRole('button', { name: BARE_STREAM_BUTTON }).click();
  },
  async ready() {
    // Nothing to wait for: its stream has ended once chat/done reached the view.
  },
};
