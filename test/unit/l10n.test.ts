import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
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

/** Every literal passed to `vscode.l10n.t` (or its local alias `t`) in the extension host code. */
function hostStrings(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    // Only host code can use vscode.l10n; the webview has its own `t` over string keys.
    if (!/^import .* from 'vscode';$/m.test(text)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(source);
        const first = node.arguments[0];
        if (
          (callee === 't' || callee === 'vscode.l10n.t') &&
          first &&
          ts.isStringLiteralLike(first)
        ) {
          found.add(first.text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...found];
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
