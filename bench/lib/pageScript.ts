// Injects a page script (bench/page/<name>.ts, bundled for the browser by esbuild.js into
// out/bench/page/) into a page or frame. Evaluated through the devtools protocol rather than
// added as a <script> tag: the webviews' Content-Security-Policy allows no inline scripts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { repoRoot } from '../../test/harness/repoRoot';

export type PageScript =
  | 'renderStream'
  | 'naiveRender'
  | 'historyView'
  | 'eagerRender'
  | 'latencyWorkbench'
  | 'latencyChat'
  | 'bareView';

const loaded = new Map<PageScript, string>();

/** The bundled script's text. */
export function pageScriptSource(name: PageScript): string {
  let text = loaded.get(name);
  if (text === undefined) {
    const file = path.join(repoRoot(), 'out', 'bench', 'page', `${name}.js`);
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run node esbuild.js --tests`);
    text = fs.readFileSync(file, 'utf8');
    loaded.set(name, text);
  }
  return text;
}

/** Runs the script in `target`; it installs its API (bench/page/shared/api.ts) on globalThis. */
export async function installPageScript(target: Page | Frame, name: PageScript): Promise<void> {
  await target.evaluate(pageScriptSource(name));
}
