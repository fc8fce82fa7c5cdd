import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { DEMO_SIMULATOR_CONFIG, demoEnv } from '../harness/demoLaunch';
import { installVsix, packageVsix } from '../harness/packagedExtension';
import { eventually } from '../harness/eventually';
import { repoRoot } from '../harness/repoRoot';
import { ensureToolchain } from '../harness/toolchain';
import { startVsCodeServer, type VsCodeServer } from '../harness/vscodeServer';
import { startSimulator, type Simulator } from '../simulator/server';

// The real VS Code workbench (the server from code-server, 1.139) in Debian's Chromium, with the
// packaged .vsix installed and its base URLs pointed at an in-process simulator. The server runs
// WITHOUT the smoke-test flag so notifications show as users see them (README.md, "How the VS
// Code suites run").

// Found by walking up, so a copy of this file bundled elsewhere (the latency bench) finds it too.
const root = repoRoot();
const SCREENSHOT_DIR = path.join(root, 'test-output', 'e2e');
const EXTENSION_ID = 'twinchat.twin-chat';

export interface WorkbenchOptions {
  /** Files to create in the workspace folder, relative path -> contents. */
  files: Record<string, string | Buffer>;
  /** Simulator pace; the journey needs answers slow enough to watch, fast enough to finish. */
  tokenDelayMs: number;
  /**
   * Set up as `npm start` does (test/harness/demoLaunch.ts): the demo's topical answers instead of
   * the fixed one, and VS Code told where the demo server is.
   */
  asNpmStart?: boolean;
  /** Folders of further extensions to package and install next to Twin Chat (fixtures). */
  extraExtensions?: string[];
  /** User settings on top of the suite's (e.g. VS Code's Chat view switched on). */
  settings?: Record<string, unknown>;
  /** Receives the simulator's log: one line per response, written when its socket closes. */
  simulatorLog?: (line: string) => void;
}

/** Packages an extension folder (a test fixture) with vsce and returns the .vsix path. */
function packageFolder(folder: string, outDir: string): string {
  const vsix = path.join(outDir, `${path.basename(folder)}.vsix`);
  const vsce = path.join(root, 'node_modules', '.bin', 'vsce');
  execFileSync(
    vsce,
    ['package', '--allow-missing-repository', '--no-dependencies', '--out', vsix],
    {
      cwd: folder,
      stdio: 'pipe',
    },
  );
  return vsix;
}

interface LanguagePackManifest {
  version: string;
  contributes: {
    localizations: {
      languageId: string;
      localizedLanguageName: string;
      translations: { id: string; path: string }[];
    }[];
  };
}

export class Workbench {
  private shots = 0;

  private constructor(
    readonly page: Page,
    readonly sim: Simulator,
    readonly workspace: string,
    private readonly browser: BrowserContext,
    private readonly server: VsCodeServer,
    private readonly tempDir: string,
  ) {}

  private get extensionsDir(): string {
    return path.join(this.tempDir, 'extensions');
  }

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    const toolchain = ensureToolchain({ quiet: true });
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-e2e-'));
    const workspace = path.join(tempDir, 'workspace');
    for (const [name, contents] of Object.entries(options.files)) {
      fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
      fs.writeFileSync(path.join(workspace, name), contents);
    }
    const extensionsDir = path.join(tempDir, 'extensions');
    const vsix = process.env.TWIN_CHAT_E2E_VSIX ?? packageVsix(tempDir, { quiet: true });
    installVsix(toolchain, vsix, extensionsDir, { quiet: true });
    for (const folder of options.extraExtensions ?? []) {
      installVsix(toolchain, packageFolder(folder, tempDir), extensionsDir, { quiet: true });
    }

    const sim = await startSimulator({
      port: 0,
      tokenDelayMs: options.tokenDelayMs,
      config: options.asNpmStart ? DEMO_SIMULATOR_CONFIG : undefined,
      ...(options.simulatorLog && { log: options.simulatorLog }),
    });
    const server = await startVsCodeServer({
      ...toolchain,
      dataDir: path.join(tempDir, 'vscode'),
      extensionsDir,
      smokeTestDriver: false,
      env: options.asNpmStart ? demoEnv(sim.url) : undefined,
      settings: {
        'twinChat.twinExpert.baseUrl': sim.twinExpertBaseUrl,
        'twinChat.kamiMind.baseUrl': sim.kamiMindBaseUrl,
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'editor.minimap.enabled': false,
        'window.commandCenter': false,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        ...options.settings,
      },
    });
    let browser: BrowserContext | undefined;
    try {
      browser = await launchChromium(toolchain.chromium, { width: 1400, height: 860 });
      await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      const page = await browser.newPage();
      const workbench = new Workbench(page, sim, workspace, browser, server, tempDir);
      await workbench.load();
      return workbench;
    } catch (error) {
      // The server runs in its own process group: left alone it would outlive the test run.
      await browser?.close().catch(() => undefined);
      await server.stop();
      await sim.stop();
      fs.rmSync(tempDir, { recursive: true, force: true });
      throw error;
    }
  }

  get url(): string {
    return this.server.workbenchUrl({ folder: this.workspace });
  }

  /** Opens (or reopens, after a reload) the workbench and waits until it is interactive. */
  async load(): Promise<void> {
    if (this.page.url() === 'about:blank') await this.page.goto(this.url);
    await this.page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
    await this.page.locator('.monaco-workbench .part.sidebar .composite.title').waitFor();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.load();
  }

  /**
   * Switches VS Code's display language the way "Configure Display Language" does once a language
   * pack is installed: argv.json gets the `locale`, read when the window (re)loads. The server here
   * records installed language packs (languagepacks.json) only for packs installed through a running
   * workbench, so the suite writes that record for the pack it installed, in VS Code's own format.
   */
  setDisplayLanguage(locale: string, languagePack: { id: string; folder: string }): void {
    const userData = path.join(this.tempDir, 'vscode', 'user');
    const manifest = JSON.parse(
      fs.readFileSync(path.join(languagePack.folder, 'package.json'), 'utf8'),
    ) as LanguagePackManifest;
    const installed = path.join(this.extensionsDir, `${languagePack.id}-${manifest.version}`);
    const localization = manifest.contributes.localizations.find((l) => l.languageId === locale);
    if (!localization) throw new Error(`${languagePack.id} has no ${locale} localization`);
    const record = {
      [locale]: {
        hash: createHash('md5').update(languagePack.id).update(manifest.version).digest('hex'),
        extensions: [{ extensionIdentifier: { id: languagePack.id }, version: manifest.version }],
        translations: Object.fromEntries(
          localization.translations.map((t) => [t.id, path.join(installed, t.path)]),
        ),
        label: localization.localizedLanguageName,
      },
    };
    fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify(record));
    fs.writeFileSync(path.join(userData, 'User', 'argv.json'), JSON.stringify({ locale }));
  }

  /** The chat view's content: the webview's inner frame. */
  get chat(): FrameLocator {
    return this.page
      .frameLocator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`)
      .frameLocator('#active-frame');
  }

  /** Every Twin Chat webview's iframe: the sidebar's and each editor tab's. */
  private get chatIframes(): Locator {
    return this.page.locator(`iframe.webview.ready[src*="extensionId=${EXTENSION_ID}"]`);
  }

  /**
   * The content of every Twin Chat webview (the sidebar and each editor tab). A tab's iframe sits
   * in an overlay outside its editor group, so a chat is told apart by what it shows.
   */
  async chats(): Promise<FrameLocator[]> {
    const count = await this.chatIframes.count();
    return Array.from({ length: count }, (_, i) =>
      this.chatIframes.nth(i).contentFrame().frameLocator('#active-frame'),
    );
  }

  /** The sidebar's chat, told by where its iframe sits (webviews float above the layout). */
  async sidebarChat(): Promise<FrameLocator> {
    const sidebar = await this.page.locator('.part.sidebar').boundingBox();
    const count = await this.chatIframes.count();
    for (let i = 0; i < count; i++) {
      const box = await this.chatIframes.nth(i).boundingBox();
      if (sidebar && box && box.x >= sidebar.x && box.x + box.width <= sidebar.x + sidebar.width) {
        return this.chatIframes.nth(i).contentFrame().frameLocator('#active-frame');
      }
    }
    throw new Error('no chat in the sidebar');
  }

  /**
   * The iframe of the one chat in an editor tab (told by where it sits: right of the sidebar),
   * for what acts on the element itself, such as a drag onto it. Found by its name (the webview's
   * id), which holds while other webviews come and go (the sidebar's, when the Explorer shows).
   */
  async editorChatIframe(): Promise<Locator> {
    const sidebar = await this.page.locator('.part.sidebar').boundingBox();
    let name: string | null = null;
    await eventually(async () => {
      const count = await this.chatIframes.count();
      for (let i = 0; i < count; i++) {
        const iframe = this.chatIframes.nth(i);
        const box = await iframe.boundingBox();
        if (sidebar && box && box.x >= sidebar.x + sidebar.width) {
          name = await iframe.getAttribute('name');
        }
      }
      return name !== null;
    }, 'a chat in an editor tab');
    return this.page.locator(`iframe.webview[name="${name}"]`);
  }

  /**
   * The chats (sidebar or editor tabs) whose transcript has a question containing `question`,
   * once exactly `count` of them show it.
   */
  async chatsAsked(question: string, count: number): Promise<FrameLocator[]> {
    let asked: FrameLocator[] = [];
    await eventually(
      async () => {
        asked = [];
        for (const chat of await this.chats()) {
          const questions = chat.locator('article.message.user', { hasText: question });
          if ((await questions.count().catch(() => 0)) > 0) asked.push(chat);
        }
        return asked.length === count;
      },
      `${count} chat(s) showing "${question}"`,
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    return asked;
  }

  /** The one chat (sidebar or editor tab) whose transcript has a question containing `question`. */
  async chatAsked(question: string): Promise<FrameLocator> {
    const [chat] = await this.chatsAsked(question, 1);
    if (!chat) throw new Error(`no chat shows "${question}"`);
    return chat;
  }

  /** Saves a numbered full-window screenshot into test-output/e2e and returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    this.shots += 1;
    // Icons are a font that webviews load on first use; wait for it, as a user's eye would.
    await Promise.all(
      this.page
        .frames()
        .map((frame) => frame.evaluate('document.fonts.ready').catch(() => undefined)),
    );
    const file = path.join(SCREENSHOT_DIR, `${String(this.shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * After a failed test: a screenshot, and on stderr what a screenshot cannot carry into a CI
   * log: the text of any open dialog and notification, and the end of Twin Chat's own log.
   */
  async reportFailure(name: string): Promise<void> {
    const shot = await this.screenshot(name).catch(() => 'none');
    const texts = async (selector: string) =>
      this.page
        .locator(selector)
        .allInnerTexts()
        .catch(() => [] as string[]);
    const lines = [
      `[e2e] failure screenshot: ${shot}`,
      ...(await texts('.monaco-dialog-box')).map((text) => `[e2e] open dialog: ${oneLine(text)}`),
      ...(await texts('.notification-toast')).map((text) => `[e2e] notification: ${oneLine(text)}`),
      ...lastLogLines(path.join(this.tempDir, 'vscode'), 'Twin Chat', 40).map(
        (line) => `[e2e] Twin Chat log: ${line}`,
      ),
    ];
    process.stderr.write(lines.join('\n') + '\n');
  }

  /**
   * Runs a command from the palette by its "Category: Title", as a user types it. A view that
   * takes the focus as it finishes opening (the workbench focuses a webview once its page has
   * loaded) closes the palette under the user's hands, while they type or before they choose;
   * they open it again, and so does this, at most three times, saying so on stderr.
   */
  async runCommand(label: string): Promise<void> {
    // The row with exactly this title: "Open Chat" must not run "Open Chat in Editor", which the
    // palette may list first.
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const exact = new RegExp(`^${escaped}$`);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    const row = rows.filter({ has: this.page.locator('.label-name', { hasText: exact }) }).first();
    const input = this.quickInput;
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await input.waitFor();
      const typed = await input.fill(`>${label}`, { timeout: 10_000 }).then(
        () => true,
        async (error: unknown) => {
          if (await input.isVisible()) throw error;
          return false;
        },
      );
      const outcome = await Promise.race([
        typed ? row.waitFor().then(() => 'listed' as const) : Promise.resolve('closed' as const),
        input.waitFor({ state: 'hidden' }).then(() => 'closed' as const),
      ]).catch(async (error: unknown) => {
        const shown = await rows.allInnerTexts().catch(() => [] as string[]);
        throw new Error(
          `the palette never listed "${label}"; it showed: ${shown.map(oneLine).join(' | ') || 'no rows'} (${String(error)})`,
        );
      });
      // The palette can also close between the row showing and the click reaching it.
      const chosen =
        outcome === 'listed' &&
        (await row.click({ timeout: 10_000 }).then(
          () => true,
          async (error: unknown) => {
            if (await input.isVisible()) throw error;
            return false;
          },
        ));
      if (chosen) return;
      if (attempt === 3)
        throw new Error(`the palette closed ${attempt} times before "${label}" was chosen`);
      process.stderr.write(
        `[e2e] the palette closed before "${label}" was chosen; opening it again\n`,
      );
    }
  }

  /** The quick input's text box (command palette, input boxes, quick picks). */
  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget:not([style*="display: none"]) input.input');
  }

  /** The message shown under the quick input (prompt or validation message). */
  get quickInputMessage(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-message');
  }

  /**
   * Answers the input box whose prompt matches: one box follows another without closing, so
   * typing before the next prompt shows would answer the previous one.
   */
  async answerInputBox(prompt: string | RegExp, value: string): Promise<void> {
    await this.quickInputMessage.filter({ hasText: prompt }).waitFor();
    await this.quickInput.fill(value);
    await this.quickInput.press('Enter');
  }

  /**
   * Opens `target`'s context menu and chooses `label`, as a user's clicks do. Right-clicks until
   * the menu is open: a tree redrawing its rows on a busy machine can swallow the first.
   */
  async contextMenuItem(target: Locator, label: string): Promise<void> {
    const menu = this.page.locator('.context-view .monaco-menu');
    await eventually(
      async () => {
        if (await menu.isVisible()) return true;
        await target.click({ button: 'right', timeout: 5_000 }).catch(() => undefined);
        return menu.isVisible();
      },
      `the context menu with "${label}"`,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    const item = this.page.locator('.context-view .action-menu-item', { hasText: label });
    await item.hover();
    // Menus ignore a click that lands right after they open (the released right button) and act
    // on the button's release; a user's hand is slower on both counts.
    await this.page.waitForTimeout(300);
    await item.click({ delay: 50 });
    await this.page.locator('.context-view .monaco-menu').waitFor({ state: 'detached' });
  }

  /** A status bar entry showing `text`. */
  statusBarItem(text: string): Locator {
    return this.page.locator('.part.statusbar .statusbar-item', { hasText: text }).last();
  }

  /** A notification toast containing `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
  }

  /** Opens a workspace file in an editor through Quick Open, as a user would. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    await this.quickInput.fill(name);
    await this.page
      .locator('.quick-input-list .monaco-list-row', { hasText: path.basename(name) })
      .first()
      .waitFor();
    await this.quickInput.press('Enter');
    await this.page.locator(`.tab.active[aria-label^="${path.basename(name)}"]`).waitFor();
    await this.editorLines.locator('.view-line').first().waitFor();
  }

  /**
   * The Explorer row of `file` inside the top-level `folder`, opening the folder as a user would.
   * The tree redraws its rows while the workbench is busy, so a click on a row being replaced can
   * miss: the folder is clicked again until the file's row is there.
   */
  async explorerRow(folder: string, file: string): Promise<Locator> {
    const explorer = this.page.locator('.activitybar .action-label[aria-label^="Explorer"]');
    const row = (label: string) =>
      this.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${label}"]`);
    await eventually(
      async () => {
        if (await row(file).isVisible()) return true;
        // A busy workbench can drop the click that switches the sidebar to the Explorer, too.
        if (!(await this.page.locator('.explorer-folders-view').isVisible())) {
          await explorer.click({ timeout: 5_000 }).catch(() => undefined);
          return false;
        }
        const folderRow = row(folder);
        if ((await folderRow.getAttribute('aria-expanded').catch(() => null)) !== 'true') {
          await folderRow.click({ timeout: 5_000 }).catch(() => undefined);
        }
        return false;
      },
      `${folder}/${file} in the Explorer`,
      { timeoutMs: 30_000, intervalMs: 250 },
    );
    return row(file);
  }

  /** Clicks into the active editor's text, so keys go to it, as a user's click does. */
  async focusEditor(): Promise<void> {
    await this.editorLines.click();
  }

  /** The rendered lines of the active editor, as the user sees them. */
  get editorLines(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    await this.sim.stop();
    fs.rmSync(this.tempDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The last `count` lines of the newest log file named `<channel>.log` under `dataDir`. */
function lastLogLines(dataDir: string, channel: string, count: number): string[] {
  const found = fs
    .readdirSync(dataDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === `${channel}.log`)
    .map((file) => path.join(dataDir, file))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!found[0]) return [];
  return fs.readFileSync(found[0], 'utf8').trimEnd().split('\n').slice(-count);
}
