import * as assert from 'node:assert/strict';
import { stepsInOrder } from '../harness/stepsInOrder';
import { Workbench } from './workbench';

// The newcomer's way in, under `npm start`'s conditions (Workbench `asNpmStart`: the same VS Code
// server front, simulator answers and environment as `npm start`): the demo button survives a
// reload, needs no address, the key it stores survives a reload, and the demo answers an English
// question in English, on its topic. Screenshots go to test-output/e2e like the journey's.

describe('Trying Twin Chat without an account, as npm start sets it up', function () {
  stepsInOrder(this);
  let wb: Workbench;

  before(async function () {
    this.timeout(300_000);
    wb = await Workbench.open({
      files: { 'hello.ts': 'export {};\n' },
      tokenDelayMs: 5,
      asNpmStart: true,
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await wb?.reportFailure('demo-FAILED');
  });

  after(async () => {
    await wb?.close();
  });

  const demoButton = () => wb.chat.getByRole('button', { name: 'Try the Demo Server' });
  const picker = () => wb.chat.getByRole('combobox', { name: 'Twin or bot' });

  it('offers "Try the Demo Server" on the welcome, and again after a reload', async () => {
    await wb.page.locator('.activitybar .action-label[aria-label^="Twin Chat"]').click();
    await demoButton().waitFor();
    await wb.reload();
    await demoButton().waitFor({ timeout: 60_000 });
    await wb.screenshot('demo-welcome-after-reload');
  });

  it('stores the demo credentials without asking for an address', async () => {
    await demoButton().click();
    await wb.notification('now talks to the demo server').waitFor();
    assert.equal(await wb.quickInput.isVisible(), false, 'no address prompt');
    await picker().waitFor();
  });

  it('still has the key after a reload', async () => {
    await wb.runCommand('Notifications: Clear All Notifications');
    await wb.reload();
    await picker().waitFor({ timeout: 60_000 });
    assert.equal(await demoButton().count(), 0, 'the welcome is not back');
    await wb.runCommand('Twin Chat: Test Connection');
    await wb.notification('Credentials accepted by TwinExpert').waitFor();
  });

  it('answers an English question in English, on its topic, with TypeScript code', async () => {
    await picker().locator('option', { hasText: 'Cloud Architect' }).waitFor({ state: 'attached' });
    await picker().selectOption({ label: 'Cloud Architect' });
    const input = wb.chat.getByRole('textbox', { name: 'Message' });
    await input.fill('How do I debounce a function in TypeScript?');
    await input.press('Enter');
    const answer = wb.chat.locator('article.message.assistant').last();
    await answer.getByRole('heading', { name: 'Debouncing a function in TypeScript' }).waitFor();
    await wb.chat.getByRole('button', { name: 'Send' }).waitFor({ timeout: 30_000 });
    const code = (await answer.locator('pre code').first().textContent()) ?? '';
    assert.match(code, /export function debounce<A extends unknown\[\]>/);
    await answer.locator('table').first().waitFor();
    assert.doesNotMatch((await answer.textContent()) ?? '', /Trả lời|Bạn hỏi/);
    await wb.screenshot('demo-english-answer');
  });
});
