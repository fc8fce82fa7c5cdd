import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../harness/browser';
import { eventually } from '../../harness/eventually';
import { installVsix, packageVsix } from '../../harness/packagedExtension';
import { repoRoot } from '../../harness/repoRoot';
import { ensureToolchain } from '../../harness/toolchain';
import { startVsCodeServer } from '../../harness/vscodeServer';

// Issue 23's first question, asked of the harness's real workbench (code-server 4.139.1 = VS Code
// 1.139.1): can VS Code's own Chat view be opened, and does a third-party chat participant answer
// there, without a GitHub sign-in? It installs a one-file participant (@probe, which echoes) and,
// for each settings variant named on the command line, opens the Chat view, types "@probe hello"
// and records what it saw: log lines on stdout, screenshots in test-output/chat-probe/.
//
//   node esbuild.js --tests && node out/test/e2e/investigate/chatViewProbe.js [variant...]

const root = repoRoot();
const SHOTS = path.join(root, 'test-output', 'chat-probe');
const FIXTURE = path.join(root, 'test', 'e2e', 'fixtures', 'chat-participant-probe');

interface Variant {
  /** Settings on top of the harness's offline defaults (which include chat.disableAIFeatures: true). */
  settings: Record<string, unknown>;
  /** Pick the fixture's "Probe Model" in the Chat view's model picker before asking. */
  pickModel: boolean;
  /** Install the packaged Twin Chat too (npm run package). */
  withTwinChat?: boolean;
}

const VARIANTS: Record<string, Variant> = {
  harnessDefaults: { settings: {}, pickModel: false },
  aiFeaturesOn: { settings: { 'chat.disableAIFeatures': false }, pickModel: false },
  aiFeaturesOnProbeModel: { settings: { 'chat.disableAIFeatures': false }, pickModel: true },
  // The e2e suite's Workbench settings, to tell whether one of them hides the model.
  workbenchSettings: {
    settings: {
      'chat.disableAIFeatures': false,
      'workbench.welcomePage.walkthroughs.openOnInstall': false,
      'editor.minimap.enabled': false,
      'window.commandCenter': false,
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
    },
    pickModel: true,
  },
  withTwinChat: {
    settings: { 'chat.disableAIFeatures': false },
    pickModel: true,
    withTwinChat: true,
  },
  // Copilot's anonymous mode: with it the model picker no longer asks for a sign-in first.
  anonymousProbeModel: {
    settings: { 'chat.disableAIFeatures': false, 'chat.allowAnonymousAccess': true },
    pickModel: true,
  },
};

/** Opens the Chat input's model picker, logs what it offers and picks `name` if it is there. */
async function pickModel(page: Page, variant: string, name: string): Promise<void> {
  await page
    .locator('.interactive-input-part .action-label', { hasText: /Models|Auto|Model/ })
    .first()
    .click();
  await page
    .waitForSelector('.monaco-list-row, .action-widget .monaco-list-row', { timeout: 10_000 })
    .catch(() => undefined);
  await shot(page, `${variant}-02b-model-picker`);
  const rows = page.locator('.action-widget .monaco-list-row, .quick-input-list .monaco-list-row');
  log(`${variant}: model picker offers: ${JSON.stringify(await rows.allInnerTexts())}`);
  const row = rows.filter({ hasText: name }).first();
  if ((await row.count()) === 0) {
    log(`${variant}: "${name}" not offered`);
    const manage = rows.filter({ hasText: 'Manage Models' }).first();
    if ((await manage.count()) === 0) {
      await page.keyboard.press('Escape');
      return;
    }
    await manage.click();
    await page.waitForTimeout(3000); // investigation script only: let the editor render for the screenshot
    await shot(page, `${variant}-02c-manage-models`);
    await page.keyboard.press('Escape');
    return;
  }
  await row.click();
  log(`${variant}: picked "${name}"`);
}

function log(message: string): void {
  console.log(`[probe ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  log(`screenshot ${path.relative(root, file)}`);
}

/** Lists the command palette's rows for `filter`, then closes it: which chat commands exist. */
async function paletteRows(page: Page, filter: string): Promise<string[]> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget:not([style*="display: none"]) input.input');
  await input.waitFor();
  await input.fill(`>${filter}`);
  await page
    .locator('.quick-input-list .monaco-list-row')
    .first()
    .waitFor({ timeout: 5_000 })
    .catch(() => undefined);
  const rows = await page.locator('.quick-input-list .monaco-list-row').allTextContents();
  await page.keyboard.press('Escape');
  return rows;
}

async function runPalette(page: Page, label: string): Promise<boolean> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget:not([style*="display: none"]) input.input');
  await input.waitFor();
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  const found = await row
    .waitFor({ timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (!found) {
    await page.keyboard.press('Escape');
    return false;
  }
  await input.press('Enter');
  return true;
}

async function probe(
  variant: string,
  { settings, pickModel: pick, withTwinChat }: Variant,
): Promise<void> {
  const toolchain = ensureToolchain({ quiet: true });
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-chat-probe-'));
  const workspace = path.join(temp, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, 'hello.ts'), 'export const hello = 1;\n');
  const extensionsDir = path.join(temp, 'extensions');
  const vsix = path.join(temp, 'probe.vsix');
  execFileSync(
    path.join(root, 'node_modules', '.bin', 'vsce'),
    ['package', '--allow-missing-repository', '--no-dependencies', '--out', vsix],
    { cwd: FIXTURE, stdio: 'pipe' },
  );
  installVsix(toolchain, vsix, extensionsDir, { quiet: true });
  if (withTwinChat) installVsix(toolchain, packageVsix(temp, { quiet: true }), extensionsDir);
  const serverLines: string[] = [];
  const server = await startVsCodeServer({
    ...toolchain,
    dataDir: path.join(temp, 'vscode'),
    extensionsDir,
    smokeTestDriver: false,
    env: { CHAT_PROBE_STATUS_FILE: path.join(temp, 'probe-status.json') },
    settings: { 'workbench.tips.enabled': false, ...settings },
    onOutput: (line) => serverLines.push(line),
  });
  const browser = await launchChromium(toolchain.chromium, { width: 1400, height: 860 });
  try {
    const page = await browser.newPage();
    const consoleLines: string[] = [];
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    log(`${variant}: settings ${JSON.stringify(settings)}`);
    await page.goto(server.workbenchUrl({ folder: workspace }));
    await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
    const statusFile = path.join(temp, 'probe-status.json');
    const activated = await eventually(() => fs.existsSync(statusFile), 'the fixture to activate', {
      timeoutMs: 60_000,
      intervalMs: 250,
    })
      .then(() => true)
      .catch(() => false);
    log(`${variant}: fixture activated: ${String(activated)}`);
    await shot(page, `${variant}-01-workbench`);
    for (const filter of ['Chat: Open', 'Toggle Chat', 'Chat: New']) {
      log(`${variant}: palette "${filter}" -> ${JSON.stringify(await paletteRows(page, filter))}`);
    }
    const opened =
      (await runPalette(page, 'Chat: Open Chat')) || (await runPalette(page, 'View: Toggle Chat'));
    log(`${variant}: ran an open-chat command: ${String(opened)}`);
    const input = page
      .locator(
        '.interactive-input-part .monaco-editor textarea, .chat-input-container .monaco-editor textarea, .interactive-input-editor textarea',
      )
      .first();
    const inputShown = await input
      .waitFor({ timeout: 20_000 })
      .then(() => true)
      .catch(() => false);
    await shot(page, `${variant}-02-after-open-chat`);
    log(`${variant}: chat input present: ${String(inputShown)}`);
    const auxBar = page.locator('.part.auxiliarybar, .part.panel');
    log(
      `${variant}: side/panel text: ${JSON.stringify((await auxBar.allInnerTexts()).join(' | ').slice(0, 1500))}`,
    );
    if (inputShown && pick) await pickModel(page, variant, 'Probe Model');
    if (inputShown) {
      // Click where a user would: the input's visible lines (the textarea itself sits under them).
      await page.locator('.interactive-input-part .monaco-editor .view-lines').first().click();
      await page.keyboard.type('@probe', { delay: 30 });
      await shot(page, `${variant}-03a-mention-suggest`);
      const suggestions = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
      log(`${variant}: suggestions after "@probe": ${JSON.stringify(suggestions)}`);
      await page.keyboard.type(' hello from the probe', { delay: 10 });
      await shot(page, `${variant}-03-typed`);
      await page.keyboard.press('Enter');
      const answered = await eventually(
        async () =>
          (await page.locator('.interactive-response, .chat-response').allInnerTexts()).some((t) =>
            t.includes('probe-echo'),
          ),
        'the probe answer',
        { timeoutMs: 30_000, intervalMs: 250 },
      )
        .then(() => true)
        .catch(() => false);
      await shot(page, `${variant}-04-after-send`);
      const list = page.locator('.interactive-list, .interactive-session');
      log(`${variant}: answered by @probe: ${String(answered)}`);
      log(
        `${variant}: chat text: ${JSON.stringify((await list.allInnerTexts()).join(' | ').slice(0, 2000))}`,
      );
    }
    const status = path.join(temp, 'probe-status.json');
    log(
      `${variant}: extension host: ${fs.existsSync(status) ? fs.readFileSync(status, 'utf8') : 'no status (fixture not activated)'}`,
    );
    const notes = await page.locator('.notifications-toasts .notification-toast').allInnerTexts();
    log(`${variant}: notifications: ${JSON.stringify(notes)}`);
    const dialog = await page.locator('.monaco-dialog-box').allInnerTexts();
    log(`${variant}: dialogs: ${JSON.stringify(dialog)}`);
    const interesting = consoleLines.filter((l) => /chat|participant|probe|copilot/i.test(l));
    log(
      `${variant}: workbench console (chat-related, first 30):\n  ${interesting.slice(0, 30).join('\n  ')}`,
    );
    const serverChat = serverLines.filter((l) => /chat|participant|probe|copilot/i.test(l));
    log(
      `${variant}: server output (chat-related, first 30):\n  ${serverChat.slice(0, 30).join('\n  ')}`,
    );
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(temp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : Object.keys(VARIANTS)) {
    const variant = VARIANTS[name];
    if (!variant) throw new Error(`unknown variant ${name}`);
    await probe(name, variant);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
