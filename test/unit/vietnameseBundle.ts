import * as fs from 'node:fs';
import * as path from 'node:path';
import { english, type Translate } from '../../src/shared/localized';
import { repoRoot } from '../harness/repoRoot';

/** l10n/bundle.l10n.vi.json: English template to its Vietnamese text. */
export function vietnameseBundle(): Record<string, string> {
  const file = path.join(repoRoot(), 'l10n', 'bundle.l10n.vi.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/** What vscode.l10n.t does with VS Code's display language set to Vietnamese. */
export function vietnameseTranslate(): Translate {
  const bundle = vietnameseBundle();
  return (template, ...args) => english(bundle[template] ?? template, ...args);
}
