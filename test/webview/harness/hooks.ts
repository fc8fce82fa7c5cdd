import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { ChatPage, type PageTime } from './chatPage';

/** Mocha hooks: one Chromium per suite, a fresh page (and context) per test. */
export function useChatPage(time: PageTime = 'real'): () => ChatPage {
  let browser: Browser | undefined;
  let chat: ChatPage | undefined;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    if (!browser) throw new Error('Chromium did not start');
    chat = await ChatPage.open(browser, 'en', time);
  });
  afterEach(async () => {
    await chat?.close();
  });
  return () => {
    if (!chat) throw new Error('no page open');
    return chat;
  };
}
