import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { eventually } from '../harness/eventually';
import { stepsInOrder } from '../harness/stepsInOrder';
import { DEMO_CREDENTIALS } from '../simulator/server';
import { Workbench } from './workbench';

// @twin in VS Code's own Chat view, in the real workbench (code-server 4.139.1 = VS Code 1.139.1),
// with the packaged .vsix and no GitHub sign-in. What the workbench needs for that, found with
// test/e2e/investigate/chatViewProbe.ts: AI features on (the suite's offline defaults switch them
// off), and a selected language model, because VS Code refuses to call any participant without one
// ("Language model unavailable"). Copilot's models need a sign-in, so a fixture extension offers an
// echoing "Probe Model"; @twin itself never uses the model.

const PROBE = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'test',
  'e2e',
  'fixtures',
  'chat-participant-probe',
);
const STREAM_CLOSED = /\/messages\/stream -> 200/;

describe("@twin in VS Code's Chat view", function () {
  stepsInOrder(this);
  let wb: Workbench;
  const simulatorLog: string[] = [];

  before(async function () {
    this.timeout(300_000);
    wb = await Workbench.open({
      files: { 'hello.ts': 'export const hello = 1;\n' },
      tokenDelayMs: 5,
      extraExtensions: [PROBE],
      settings: { 'chat.disableAIFeatures': false },
      simulatorLog: (line) => simulatorLog.push(line),
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.reportFailure('chat-participant-FAILED');
  });

  after(async () => {
    await wb?.close();
  });

  const chatInput = () => wb.page.locator('.interactive-input-part .monaco-editor .view-lines');
  const responses = () => wb.page.locator('.interactive-response');

  async function ask(question: string): Promise<void> {
    await chatInput().first().click();
    // @twin is sticky: the input keeps it after an answer. Typed over, as a user may.
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.type(question, { delay: 10 });
    await wb.page.keyboard.press('Enter');
  }

  function lastResponse(): Locator {
    return responses().last();
  }

  it('opens the Chat view and picks a language model, without signing in', async () => {
    await wb.statusBarItem('Probe Model ready').waitFor({ timeout: 60_000 });
    await wb.runCommand('Chat Probe: Open Chat with Probe Model');
    await chatInput().first().waitFor();
    await wb.page
      .locator('.interactive-input-part .action-label', { hasText: 'Probe Model' })
      .first()
      .waitFor();
    await wb.screenshot('chat-view-model');
  });

  it('sets the TwinExpert key from the command palette', async () => {
    await wb.runCommand('Twin Chat: Set TwinExpert API Key');
    await wb.answerInputBox('Paste your TwinExpert API key', DEMO_CREDENTIALS.twinExpertApiKey);
    await wb.notification('TwinExpert API key saved').waitFor();
    await wb.runCommand('Notifications: Clear All Notifications');
  });

  it('answers "@twin <question>" with the simulator\'s answer, streamed', async () => {
    await ask('@twin What is a closure?');
    const answer = lastResponse();
    await answer.getByText('What is a closure?').waitFor({ timeout: 60_000 });
    await answer.getByText('Cảm ơn bạn đã dùng Twin Chat simulator.').waitFor();
    assert.ok(
      wb.sim.requests.some((r) => /\/messages\/stream$/.test(r.path)),
      'the question went to the TwinExpert simulator',
    );
    await wb.screenshot('chat-view-answer');
  });

  it('Stop frees the socket: the simulator sees the answer stream closed mid-answer', async () => {
    const deltas = 3000;
    wb.sim.configure({
      fault: { kind: 'longAnswer', deltas },
      faultMatch: '/messages/stream',
      tokenDelayMs: 20,
      recordDeltaTimes: true,
    });
    simulatorLog.length = 0;
    const before = wb.sim.requests.length;
    // The new answer's own element: until it renders, the last one is the previous answer, whose
    // text would let Stop be pressed before the question reached the server.
    const answer = responses().nth(await responses().count());
    await ask('@twin tell me everything');
    await eventually(
      async () =>
        wb.sim.requests.slice(before).some((r) => /\/messages\/stream$/.test(r.path)) &&
        ((await answer.textContent()) ?? '').length > 40,
      'the long answer to start streaming',
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    await wb.page.locator('.interactive-input-part .action-label[aria-label^="Cancel"]').click();
    await eventually(
      () => simulatorLog.some((line) => STREAM_CLOSED.test(line)),
      'the simulator to see the answer stream closed',
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    const stream = wb.sim.requests.slice(before).find((r) => /\/messages\/stream$/.test(r.path));
    const written = stream?.deltaTimes?.length ?? 0;
    assert.ok(written < deltas, `the server wrote all ${written} deltas: Stop did not abort`);
    await wb.screenshot('chat-view-stopped');
  });
});
