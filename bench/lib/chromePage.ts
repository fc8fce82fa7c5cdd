// The chat view's built bundle in a fresh Chromium page, for the benchmarks that time the view
// (bench/render.ts, bench/history.ts), and what they read of its main thread over CDP.
import type { Browser, CDPSession } from 'playwright-core';
import type { ConversationView } from '../../src/shared/protocol';
import { ChatPage } from '../../test/webview/harness/chatPage';
import { conversation, viewState } from '../../test/webview/harness/state';
import { installPageScript, type PageScript } from './pageScript';

export interface BenchPage {
  chat: ChatPage;
  /** With Performance metrics enabled. */
  cdp: CDPSession;
}

/**
 * A fresh page (own browser context) with the view initialised, CDP metrics on and `scripts`
 * installed. It has already shown `warmUp` (every block type the bench renders), so what is
 * measured afterwards is rendering, not the one-off cost of compiling the libraries and
 * highlight.js grammars.
 */
export async function openBenchPage(
  browser: Browser,
  warmUp: ConversationView,
  scripts: readonly PageScript[],
): Promise<BenchPage> {
  const chat = await ChatPage.open(browser);
  const cdp = await chat.page.context().newCDPSession(chat.page);
  await cdp.send('Performance.enable');
  await chat.init(viewState());
  await chat.send({ type: 'conversation/show', conversation: warmUp });
  await chat.send({ type: 'conversation/show', conversation: conversation([]) });
  for (const script of scripts) await installPageScript(chat.page, script);
  await chat.settle();
  return { chat, cdp };
}

/** The page's main thread so far: TaskDuration (wall time of its tasks) and ThreadTime (CPU). */
export interface MainThread {
  taskMs: number;
  cpuMs: number;
}

async function metric(cdp: CDPSession): Promise<(name: string) => number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (name) => metrics.find((m) => m.name === name)?.value ?? 0;
}

export async function mainThread(cdp: CDPSession): Promise<MainThread> {
  const value = await metric(cdp);
  return { taskMs: value('TaskDuration') * 1000, cpuMs: value('ThreadTime') * 1000 };
}

export function since(before: MainThread, after: MainThread): MainThread {
  return { taskMs: after.taskMs - before.taskMs, cpuMs: after.cpuMs - before.cpuMs };
}

export function plus(a: MainThread, b: MainThread): MainThread {
  return { taskMs: a.taskMs + b.taskMs, cpuMs: a.cpuMs + b.cpuMs };
}

/** The main thread's time while `work` runs. */
export async function timed<T>(
  cdp: CDPSession,
  work: () => Promise<T>,
): Promise<{ result: T; time: MainThread }> {
  const before = await mainThread(cdp);
  const result = await work();
  return { result, time: since(before, await mainThread(cdp)) };
}

/** JSHeapUsedSize after a garbage collection, in MB. */
export async function heapAfterGcMB(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await metric(cdp))('JSHeapUsedSize') / 1024 / 1024;
}
