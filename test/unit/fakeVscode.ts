// The one stand-in for the `vscode` module at the API boundary, for host code that imports it
// (drops, pastes, Attach File, a #selection's text, the settings a client is built from). Only what
// those files touch: dialogs are recorded and answered from a queue, the file system is the real
// one (node:fs), settings come from a plain object. Mocha loads every unit test into one process,
// so there is one fake: a second would replace this one for the files loaded after it. Import this
// file first: it installs itself as `require('vscode')` before the code under test loads.
import * as fs from 'node:fs';
import Module from 'node:module';
import * as nodePath from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    private readonly raw?: string,
  ) {}
  static file(p: string): Uri {
    return new Uri('file', nodePath.resolve(p));
  }
  static parse(value: string): Uri {
    const url = new URL(value);
    const scheme = url.protocol.slice(0, -1);
    const p = scheme === 'file' ? fileURLToPath(url) : decodeURIComponent(url.pathname);
    return new Uri(scheme, p, value);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    return this.raw ?? (this.scheme === 'file' ? pathToFileURL(this.path).href : this.path);
  }
}

export const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 } as const;

export interface Dialog {
  kind: 'information' | 'warning' | 'error';
  message: string;
  modal: boolean;
  /** The smaller text under a modal dialog's message. */
  detail?: string;
}

/** What the fake window was asked, and the buttons the "user" will press, in order. */
export const ui = {
  dialogs: [] as Dialog[],
  buttons: [] as (string | undefined)[],
  settings: {} as Record<string, unknown>,
  /** Bytes `workspace.fs.readFile` gives for URIs of schemes other than `file`. */
  virtualFiles: new Map<string, Uint8Array>(),
  /** What `workspace.findFiles` finds, whatever the pattern (VS Code's search is not faked). */
  foundFiles: [] as Uri[],
  /** The file names save dialogs offered; the "user" always cancels them. */
  saveDialogs: [] as string[],
  /** The labels each quick pick offered; the "user" picks the labels in `picks` (none cancels). */
  quickPicks: [] as string[][],
  picks: [] as (string[] | undefined)[],
  /** What the "user" types into input boxes, in order (none cancels). */
  inputs: [] as (string | undefined)[],
  reset(): void {
    this.quickPicks.length = 0;
    this.picks.length = 0;
    this.inputs.length = 0;
    this.dialogs.length = 0;
    this.saveDialogs.length = 0;
    this.foundFiles = [];
    this.buttons.length = 0;
    this.settings = {};
    this.virtualFiles.clear();
  },
};

function show(kind: Dialog['kind']) {
  return (message: string, ...rest: unknown[]): Promise<string | undefined> => {
    const options =
      typeof rest[0] === 'object' && rest[0] !== null
        ? (rest[0] as { modal?: boolean; detail?: string })
        : {};
    const modal = Boolean(options.modal);
    ui.dialogs.push({ kind, message, modal, ...(options.detail && { detail: options.detail }) });
    return Promise.resolve(modal ? ui.buttons.shift() : undefined);
  };
}

function format(message: string, ...args: unknown[]): string {
  return message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
}

interface TextRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

function textIn(text: string, range: TextRange): string {
  const lines = text.split('\n');
  const offset = (p: TextRange['start']) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

let workspaceFolders: { uri: Uri; name: string; index: number }[] = [];

export function setWorkspaceFolders(paths: string[]): void {
  workspaceFolders = paths.map((p, index) => ({
    uri: Uri.file(p),
    name: nodePath.basename(p),
    index,
  }));
}

const fake = {
  Uri,
  FileType,
  l10n: { t: format },
  version: '1.139.1',
  env: { remoteName: undefined as string | undefined, language: 'en' },
  window: {
    showInformationMessage: show('information'),
    showWarningMessage: show('warning'),
    showErrorMessage: show('error'),
    showSaveDialog(options?: { defaultUri?: Uri }): Promise<Uri | undefined> {
      ui.saveDialogs.push(nodePath.basename(options?.defaultUri?.fsPath ?? ''));
      return Promise.resolve(undefined);
    },
    showQuickPick<T extends { label: string }>(
      items: readonly T[],
      options?: { canPickMany?: boolean },
    ): Promise<T[] | T | undefined> {
      ui.quickPicks.push(items.map((item) => item.label));
      const labels = ui.picks.shift();
      if (!labels) return Promise.resolve(undefined);
      const picked = items.filter((item) => labels.includes(item.label));
      return Promise.resolve(options?.canPickMany ? picked : picked[0]);
    },
    showInputBox(): Promise<string | undefined> {
      return Promise.resolve(ui.inputs.shift());
    },
    tabGroups: { all: [] },
  },
  ViewColumn: { Active: -1, Beside: -2 },
  workspace: {
    get workspaceFolders() {
      return workspaceFolders;
    },
    textDocuments: [],
    findFiles(): Promise<Uri[]> {
      return Promise.resolve([...ui.foundFiles]);
    },
    getWorkspaceFolder(uri: Uri) {
      return workspaceFolders.find((folder) => uri.fsPath.startsWith(folder.uri.fsPath));
    },
    asRelativePath(uri: Uri): string {
      const folder = workspaceFolders.find((f) => uri.fsPath.startsWith(f.uri.fsPath));
      return folder ? nodePath.relative(folder.uri.fsPath, uri.fsPath) : uri.fsPath;
    },
    /** A document read from disk as it is now: the text a #selection is cut from. */
    async openTextDocument(uri: Uri) {
      const text = await fs.promises.readFile(uri.fsPath, 'utf8');
      return { uri, getText: (range?: TextRange) => (range ? textIn(text, range) : text) };
    },
    getConfiguration(section?: string) {
      const prefix = section ? `${section}.` : '';
      return {
        get: <T>(key: string, fallback?: T): T =>
          (ui.settings[prefix + key] as T | undefined) ?? (fallback as T),
        inspect: (key: string) => ({ globalValue: ui.settings[prefix + key] }),
      };
    },
    fs: {
      async stat(uri: Uri) {
        if (uri.scheme !== 'file') {
          const bytes = ui.virtualFiles.get(uri.toString());
          if (!bytes) throw new Error(`no such file ${uri.toString()}`);
          return { type: FileType.File, size: bytes.byteLength, ctime: 0, mtime: 0 };
        }
        const info = await fs.promises.stat(uri.fsPath);
        const type = info.isFile() ? FileType.File : info.isDirectory() ? FileType.Directory : 0;
        return { type, size: info.size, ctime: info.ctimeMs, mtime: info.mtimeMs };
      },
      async readFile(uri: Uri): Promise<Uint8Array> {
        if (uri.scheme !== 'file') {
          const bytes = ui.virtualFiles.get(uri.toString());
          if (!bytes) throw new Error(`no such file ${uri.toString()}`);
          return bytes;
        }
        return new Uint8Array(await fs.promises.readFile(uri.fsPath));
      },
    },
  },
  TabInputText: class {},
  CancellationTokenSource: class {
    readonly token = { isCancellationRequested: false };
    cancel(): void {
      this.token.isCancellationRequested = true;
    }
    dispose(): void {}
  },
  Disposable: class {
    constructor(private readonly callOnDispose: () => void) {}
    dispose(): void {
      this.callOnDispose();
    }
  },
};

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const original = moduleWithLoad._load;
moduleWithLoad._load = function load(request, parent, isMain) {
  if (request === 'vscode') return fake;
  return original.call(this, request, parent, isMain);
};

export const vscodeFake = fake;
