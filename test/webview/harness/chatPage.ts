import type { Browser, BrowserContext, Page } from 'playwright-core';
import type {
  HostToWebview,
  MessageView,
  ViewState,
  WebviewToHost,
} from '../../../src/shared/protocol';
import { eventually } from '../../harness/eventually';
import { PAGE_API_SCRIPT, type PageApi } from './pageApi';
import { startAssetServer, type AssetServer } from './server';

/** Whether the page's clock runs by itself or only when a test moves it. */
export type PageTime = 'real' | 'manual';

/** Playwright's fake clock runs animation frames every 16 ms of its time. */
const FRAME_MS = 16;

/** One webview page in a fresh browser context, with the fake host installed. */
export class ChatPage {
  /** Every request the page made, to check that nothing leaves the harness origin. */
  readonly requests: string[] = [];
  readonly dialogs: string[] = [];

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly server: AssetServer,
    private readonly time: PageTime,
  ) {
    page.on('request', (request) => this.requests.push(request.url()));
    page.on('dialog', (dialog) => {
      this.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  }

  /**
   * With `time: 'manual'` the page's clock (Date, performance.now, timers, animation frames) is
   * Playwright's and stands still: frames and time pass only through `nextFrame` and `advance`,
   * so a test of what happens in which frame cannot be swayed by a busy machine.
   */
  static async open(browser: Browser, locale = 'en', time: PageTime = 'real'): Promise<ChatPage> {
    const server = await startAssetServer(locale);
    const context = await browser.newContext({ viewport: { width: 420, height: 700 } });
    if (time === 'manual') {
      await context.clock.install({ time: 0 });
      await context.clock.pauseAt(1_000);
    }
    // Anything not served by the harness is refused (and still recorded by the request listener).
    await context.route('**/*', (route) =>
      route.request().url().startsWith(server.origin)
        ? route.continue()
        : route.abort('blockedbyclient'),
    );
    await context.addInitScript(PAGE_API_SCRIPT);
    const page = await context.newPage();
    const chat = new ChatPage(page, context, server, time);
    await page.goto(server.origin + '/');
    return chat;
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.server.close();
  }

  call<K extends keyof PageApi>(
    name: K,
    ...args: Parameters<PageApi[K]>
  ): Promise<Awaited<ReturnType<PageApi[K]>>> {
    return this.page.evaluate(
      ([fn, fnArgs]) => {
        const api = (
          globalThis as unknown as { __test: Record<string, (...a: unknown[]) => unknown> }
        ).__test;
        return api[fn]?.(...fnArgs);
      },
      [name, args] as [string, unknown[]],
    ) as Promise<Awaited<ReturnType<PageApi[K]>>>;
  }

  async posted(): Promise<WebviewToHost[]> {
    return (await this.call('posted')) as WebviewToHost[];
  }

  async postedOfType<T extends WebviewToHost['type']>(
    type: T,
  ): Promise<Extract<WebviewToHost, { type: T }>[]> {
    return (await this.posted()).filter(
      (m): m is Extract<WebviewToHost, { type: T }> => m.type === type,
    );
  }

  /** Waits (bounded) until the webview has posted `count` messages of `type`. */
  async waitForPosted<T extends WebviewToHost['type']>(
    type: T,
    count = 1,
  ): Promise<Extract<WebviewToHost, { type: T }>[]> {
    let found: Extract<WebviewToHost, { type: T }>[] = [];
    await eventually(
      async () => (found = await this.postedOfType(type)).length >= count,
      `${count} x ${type} from the webview`,
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}; posted: ${JSON.stringify(await this.posted())}`);
    });
    return found;
  }

  async send(message: HostToWebview): Promise<void> {
    await this.call('post', message);
  }

  async sendMany(messages: HostToWebview[]): Promise<void> {
    await this.call('postMany', messages);
  }

  /** Lets queued window messages and the animation frames after them run. */
  async settle(frames = 2): Promise<void> {
    if (this.time === 'manual') {
      await this.advance(frames * FRAME_MS);
      return;
    }
    await this.call('frames', frames);
    await this.call('frames', 1);
  }

  /** Manual time: delivers the messages posted so far, then runs exactly one animation frame. */
  async nextFrame(): Promise<void> {
    await this.advance(FRAME_MS);
  }

  /** Manual time: delivers the messages posted so far, then moves the clock on by `ms`. */
  async advance(ms: number): Promise<void> {
    if (this.time !== 'manual') throw new Error('advance() needs a page opened with manual time');
    await this.call('delivered');
    await this.page.clock.runFor(ms);
  }

  /** The host's answer to webview/ready. */
  async init(state: ViewState): Promise<void> {
    await this.waitForPosted('webview/ready');
    await this.send({ type: 'state/init', protocolVersion: 1, state });
    await this.page.waitForSelector('body[data-ready="true"]');
    await this.settle();
  }

  /** Streams `text` as the host would: chat/started, deltas of `chunk` characters, chat/done. */
  async stream(
    requestId: string,
    assistant: MessageView,
    user: MessageView,
    chunks: string[],
    done = true,
  ): Promise<void> {
    await this.send({
      type: 'chat/started',
      requestId,
      userMessage: user,
      assistantMessage: { ...assistant, text: '', status: 'streaming' },
    });
    const deltas: HostToWebview[] = chunks.map((text) => ({ type: 'chat/delta', requestId, text }));
    for (let i = 0; i < deltas.length; i += 500) await this.sendMany(deltas.slice(i, i + 500));
    if (done)
      await this.send({
        type: 'chat/done',
        requestId,
        message: { ...assistant, text: chunks.join(''), status: 'complete' },
      });
    await this.settle();
  }
}

export function splitEvery(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

/** Splits into exactly `count` pieces of varying length (some empty-free), deterministic. */
export function splitInto(text: string, count: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  for (let i = 0; i < count; i++) {
    const end = i === count - 1 ? text.length : Math.round(((i + 1) * text.length) / count);
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks.filter((c) => c.length > 0);
}
