import * as fs from 'node:fs';
import Module from 'node:module';

// A stand-in for the `vscode` module, for the few host modules a unit test loads that call VS Code
// itself: reading a document (for a #selection), the modal question, file stat, and settings
// (config/settings.ts). It records what the user was asked and answers as the test says; settings
// are what the test puts in `configuration`. Imported first, before any module that imports
// `vscode`.

export const asked: { message: string; items: string[] }[] = [];
export const answers = { warning: undefined as string | undefined };
export const configuration = new Map<string, unknown>();

export interface FakeUri {
  scheme: string;
  path: string;
  fsPath: string;
  toString(): string;
}

export function fileUri(file: string): FakeUri {
  return { scheme: 'file', path: file, fsPath: file, toString: () => `file://${file}` };
}

interface Position {
  line: number;
  character: number;
}

function textIn(text: string, range: { start: Position; end: Position }): string {
  const lines = text.split('\n');
  const offset = (p: Position) =>
    lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

const fake = {
  l10n: {
    t: (message: string, ...args: unknown[]) =>
      message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
  },
  FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
  window: {
    showWarningMessage: (message: string, ...rest: unknown[]) => {
      asked.push({ message, items: rest.filter((r): r is string => typeof r === 'string') });
      return Promise.resolve(answers.warning);
    },
  },
  workspace: {
    textDocuments: [] as unknown[],
    openTextDocument: (uri: FakeUri) => {
      const text = fs.readFileSync(uri.fsPath, 'utf8');
      return Promise.resolve({
        uri,
        getText: (range?: { start: Position; end: Position }) =>
          range ? textIn(text, range) : text,
        isDirty: false,
        isUntitled: false,
      });
    },
    fs: {
      stat: (uri: FakeUri) => {
        const info = fs.statSync(uri.fsPath);
        return Promise.resolve({ type: info.isFile() ? 1 : 2, size: info.size });
      },
      readFile: (uri: FakeUri) => Promise.resolve(new Uint8Array(fs.readFileSync(uri.fsPath))),
    },
    getConfiguration: (section?: string) => ({
      get: <T>(key: string, fallback?: T): T | undefined => {
        const full = section ? `${section}.${key}` : key;
        return configuration.has(full) ? (configuration.get(full) as T) : fallback;
      },
      inspect: <T>(key: string) => {
        const full = section ? `${section}.${key}` : key;
        return {
          key: full,
          globalValue: configuration.get(full) as T | undefined,
          defaultValue: undefined,
        };
      },
    }),
  },
  version: '1.99.0-fake',
};

type Resolver = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolver };
const original = moduleInternals._resolveFilename;
const FAKE_ID = 'vscode-fake-for-unit-tests';
moduleInternals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
  return request === 'vscode' ? FAKE_ID : original.call(this, request, ...rest);
};
require.cache[FAKE_ID] = {
  id: FAKE_ID,
  filename: FAKE_ID,
  loaded: true,
  exports: fake,
} as unknown as NodeJS.Module;
