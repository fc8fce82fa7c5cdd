import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDroppedUri } from '../../src/chat/dropPaths';
import {
  CHAT_VIEW_ID,
  Commands,
  EDITOR_CHAT_VIEW_TYPE,
  Settings,
  VIEW_CONTAINER_ID,
} from '../../src/constants';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  activationEvents?: string[];
  engines: { vscode: string };
  capabilities?: {
    untrustedWorkspaces?: { supported: unknown };
    virtualWorkspaces?: boolean | { supported: unknown; description?: string };
  };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    viewsContainers: { activitybar: { id: string; icon: string; title: string }[] };
    views: Record<string, { id: string; type?: string; name: string }[]>;
    configuration: { properties: Record<string, { scope?: string }> };
    menus: Record<string, { command: string; when?: string }[]>;
    keybindings: { command: string; key: string; when?: string }[];
    walkthroughs: {
      title: string;
      steps: { id: string; title: string; description: string; media: { markdown?: string } }[];
    }[];
  };
};
const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<
  string,
  string
>;
const nlsVi = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.vi.json'), 'utf8')) as Record<
  string,
  string
>;

/**
 * A `when` clause of the forms the manifest uses (`a || b`, `a && b`, `!key`, `key`,
 * `key == value`, `key != value`) against the context keys given; anything else is an error here.
 */
function whenHolds(when: string, context: Record<string, string | boolean>): boolean {
  const term = (text: string): boolean => {
    const compared = /^([\w.]+)\s*(==|!=)\s*([\w.-]+)$/.exec(text);
    if (compared) return (context[compared[1]!] === compared[3]) === (compared[2] === '==');
    const key = /^(!?)([\w.]+)$/.exec(text);
    if (!key) throw new Error(`a when clause this test cannot read: ${text}`);
    return Boolean(context[key[2]!]) !== (key[1] === '!');
  };
  return when.split('||').some((all) => all.split('&&').every((part) => term(part.trim())));
}

describe('extension manifest', () => {
  it('declares exactly the commands the code registers, each in the Twin Chat category', () => {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(declared, Object.values(Commands).sort());
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'Twin Chat', command.command);
    }
  });

  it('gives every command a translated title and a place in the palette, a menu or a key', () => {
    const menus = manifest.contributes.menus;
    const hidden = new Set(
      (menus.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command),
    );
    const reachable = new Set([
      ...Object.entries(menus)
        .filter(([menu]) => menu !== 'commandPalette')
        .flatMap(([, items]) => items.map((item) => item.command)),
      ...manifest.contributes.keybindings.map((k) => k.command),
    ]);
    for (const command of manifest.contributes.commands) {
      const key = /^%(.+)%$/.exec(command.title)?.[1];
      assert.ok(key && nls[key] && nlsVi[key], `${command.command} has no translated title`);
      assert.ok(!hidden.has(command.command) || reachable.has(command.command), command.command);
    }
    for (const items of Object.values(menus)) {
      for (const item of items) {
        assert.ok(Object.values(Commands).includes(item.command as never), item.command);
      }
    }
  });

  it("leaves Ctrl+Alt+Enter to VS Code's Chat where its code blocks use it (Insert into Terminal)", () => {
    // A code block in VS Code's Chat view is an editor, so editorTextFocus alone would match there
    // too, and an extension's binding outranks the workbench's: the selection would go to a twin.
    const sendSelection = manifest.contributes.keybindings.find(
      (k) => k.command === Commands.sendSelection,
    );
    assert.equal(sendSelection?.key, 'ctrl+alt+enter');
    const terms = (sendSelection?.when ?? '').split('&&').map((term) => term.trim());
    assert.ok(terms.includes('editorTextFocus'), 'only in a text editor');
    assert.ok(terms.includes('!inChat'), 'not in a Chat view code block');
    assert.ok(terms.includes('!accessibleViewInCodeBlock'), 'not in the accessible view of one');
  });

  it('shows Attach Current File on the editors of every file system the command reads', () => {
    // The README promises a remote repository (`vscode-vfs:`, a virtual workspace the manifest
    // declares supported) and a git revision (`git:`) can be attached; the command reads them
    // through VS Code's file system. Only editors without a file system (output) are left out.
    const editors = {
      'a file on disk': { resourceScheme: 'file', isFileSystemResource: true },
      'an untitled editor': { resourceScheme: 'untitled', isFileSystemResource: false },
      'a remote repository': { resourceScheme: 'vscode-vfs', isFileSystemResource: true },
      'a git revision': { resourceScheme: 'git', isFileSystemResource: true },
    };
    const output = { resourceScheme: 'output', isFileSystemResource: false };
    for (const menu of ['editor/title', 'editor/context']) {
      const item = manifest.contributes.menus[menu]?.find((m) => m.command === Commands.attachFile);
      assert.ok(item?.when, `${menu} has Attach Current File`);
      for (const [name, context] of Object.entries(editors))
        assert.ok(whenHolds(item.when, context), `${menu}: not shown for ${name}`);
      assert.ok(!whenHolds(item.when, output), `${menu}: shown for the output panel`);
    }
  });

  it('offers each way into the chat once: one New Chat button, one palette command that opens the view', () => {
    // The webview's own toolbar has New Chat (it also serves chats outside the sidebar), so the
    // view title must not add a second "+".
    const viewTitle = manifest.contributes.menus['view/title'] ?? [];
    assert.ok(!viewTitle.some((item) => item.command === Commands.newChat), 'a second New Chat');
    // VS Code lists "Focus on <view> View" in the palette for every view; Open Chat does the same
    // and stays for its key binding, the status bar and the walkthrough, out of the palette.
    const palette = manifest.contributes.menus.commandPalette ?? [];
    assert.ok(palette.some((m) => m.command === Commands.openChat && m.when === 'false'));
  });

  it('names the view as its container, so VS Code titles it "Twin Chat", not "Twin Chat: Chat"', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find(
      (c) => c.id === VIEW_CONTAINER_ID,
    );
    const view = manifest.contributes.views[VIEW_CONTAINER_ID]?.find((v) => v.id === CHAT_VIEW_ID);
    const text = (table: Record<string, string>, ref = '') =>
      table[/^%(.+)%$/.exec(ref)?.[1] ?? ''];
    for (const table of [nls, nlsVi])
      assert.equal(text(table, view?.name), text(table, container?.title));
  });

  it('has a three-step walkthrough whose texts and pages exist', () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.ok(walkthrough);
    assert.equal(walkthrough.steps.length, 3);
    for (const step of walkthrough.steps) {
      for (const text of [step.title, step.description]) {
        const key = /^%(.+)%$/.exec(text)?.[1] ?? '';
        assert.ok(nls[key] && nlsVi[key], `${step.id}: ${text} is not translated`);
      }
      const page = path.join(root, step.media.markdown ?? '');
      assert.ok(fs.statSync(page).size > 100, `${step.id}: ${page} is missing or empty`);
      // Walkthrough links may run only Twin Chat's own commands.
      for (const [, command] of nls[/^%(.+)%$/.exec(step.description)![1]!]!.matchAll(
        /\(command:([^)]+)\)/g,
      )) {
        assert.ok(Object.values(Commands).includes(command as never), command);
      }
    }
  });

  it('contributes the chat webview view inside its own activity-bar container', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find(
      (c) => c.id === VIEW_CONTAINER_ID,
    );
    assert.ok(container, 'view container missing');
    assert.ok(fs.existsSync(path.join(root, container.icon)), 'view container icon missing');
    const views = manifest.contributes.views[VIEW_CONTAINER_ID] ?? [];
    assert.deepEqual(
      views.map((v) => [v.id, v.type]),
      [[CHAT_VIEW_ID, 'webview']],
    );
  });

  it('activates only on its view, its editor tabs and commands, never at start-up', () => {
    for (const event of manifest.activationEvents ?? []) {
      assert.match(event, /^(onView|onCommand|onWebviewPanel):twinChat\./, event);
    }
    // Without it VS Code cannot hand a restored chat tab to the serializer after a reload.
    assert.ok(manifest.activationEvents?.includes(`onWebviewPanel:${EDITOR_CHAT_VIEW_TYPE}`));
  });

  it('declares its behaviour in untrusted workspaces', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
  });

  it('declares virtual workspaces limited, since drops and # take only files on disk', async () => {
    // A remote repository's files (`vscode-vfs:`) are refused when dropped or picked with `#`;
    // VS Code shows the description to users of such a workspace instead of full support.
    const remoteFile = await checkDroppedUri('vscode-vfs://github/owner/repo/src/a.ts', [root]);
    assert.equal(remoteFile.ok ? 'taken' : remoteFile.reason, 'scheme');
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(typeof virtual === 'object', 'more than a plain true');
    assert.equal(virtual.supported, 'limited');
    const key = /^%(.+)%$/.exec(virtual.description ?? '')?.[1] ?? '';
    assert.ok(nls[key] && nlsVi[key], 'a translated description of what is limited');
  });

  it('keeps every base URL out of reach of workspace settings', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const key of [Settings.twinExpertBaseUrl, Settings.kamiMindBaseUrl]) {
      assert.equal(properties[`${Settings.section}.${key}`]?.scope, 'application', key);
    }
  });

  it('defines every setting the code reads', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const key of Object.values(Settings).filter((k) => k !== Settings.section)) {
      assert.ok(properties[`${Settings.section}.${key}`], key);
    }
  });

  it('has an English and a Vietnamese string for every %placeholder%', () => {
    const placeholders = [...JSON.stringify(manifest).matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.ok(placeholders.length > 0);
    for (const key of placeholders) {
      assert.ok(nls[key], `package.nls.json lacks ${key}`);
      assert.ok(nlsVi[key], `package.nls.vi.json lacks ${key}`);
    }
  });

  it('targets VS Code 1.96 or newer, whose extension host runs Node 20.18', () => {
    assert.equal(manifest.engines.vscode, '^1.96.0');
    const esbuildSource = fs.readFileSync(path.join(root, 'esbuild.js'), 'utf8');
    assert.match(esbuildSource, /EXTENSION_NODE_TARGET = 'node20\.18'/);
  });
});
