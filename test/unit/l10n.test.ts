import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { KAMIMIND_BOT_SERVICE, KAMIMIND_SERVICE } from '../../src/providers/kamiMind/service';
import { TWINEXPERT_SERVICE } from '../../src/providers/twinExpert/service';
import { UI_STRINGS } from '../../src/shared/uiStrings';

const root = path.resolve(__dirname, '..', '..', '..');
const vietnamese = JSON.parse(
  fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.vi.json'), 'utf8'),
) as Record<string, string>;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** The first argument of every call to one of `callees` that passes a literal. */
function literalsPassedTo(file: string, text: string, callees: readonly string[]): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const first = node.arguments[0];
      if (
        callees.includes(node.expression.getText(source)) &&
        first &&
        ts.isStringLiteralLike(first)
      )
        found.push(first.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every literal passed to `vscode.l10n.t` (or its local alias `t`) in the extension host code. */
function hostStrings(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    // Only host code can use vscode.l10n; the webview has its own `t` over string keys.
    if (!/^import .* from 'vscode';$/m.test(text)) continue;
    for (const s of literalsPassedTo(file, text, ['t', 'vscode.l10n.t'])) found.add(s);
  }
  return [...found];
}

/**
 * Every template passed to `localized` (src/shared/localized.ts): the sentences the provider and
 * chat code build without `vscode`, which the extension translates through vscode.l10n.t.
 */
function sharedSentences(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    for (const s of literalsPassedTo(file, fs.readFileSync(file, 'utf8'), ['localized']))
      found.add(s);
  }
  return [...found];
}

/** The extension's words for each service, which `localized` looks up when a sentence is built. */
function serviceWords(): string[] {
  return [TWINEXPERT_SERVICE, KAMIMIND_SERVICE, KAMIMIND_BOT_SERVICE].flatMap((service) => [
    service.credentialName,
    service.howToSetCredential,
    service.howToCheckConnection,
    service.howToCheckCertificate,
  ]);
}

describe('translations', () => {
  it('has a Vietnamese text for every string the extension host shows', () => {
    const strings = hostStrings();
    assert.ok(strings.length > 30, `found only ${strings.length} strings`);
    assert.deepEqual(
      strings.filter((s) => !vietnamese[s]),
      [],
    );
  });

  it('has a Vietnamese text for every sentence the shared provider and chat code build', () => {
    const sentences = sharedSentences();
    assert.ok(sentences.length > 30, `found only ${sentences.length} sentences`);
    assert.deepEqual(
      sentences.filter((s) => !vietnamese[s]),
      [],
    );
  });

  it('has a Vietnamese text for the words of each service in those sentences', () => {
    assert.deepEqual(
      serviceWords().filter((s) => !vietnamese[s]),
      [],
    );
  });

  it('has a Vietnamese text for every string of the chat view', () => {
    assert.deepEqual(
      Object.values(UI_STRINGS).filter((s) => !vietnamese[s]),
      [],
    );
  });

  it('keeps every {n} placeholder in the translation', () => {
    const placeholders = (s: string) => (s.match(/\{\d+\}/g) ?? []).sort().join();
    for (const [english, translated] of Object.entries(vietnamese)) {
      assert.equal(placeholders(translated), placeholders(english), english);
    }
  });
});
