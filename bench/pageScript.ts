import * as esbuild from 'esbuild';
import type { Page } from 'playwright-core';
import { repoRoot } from '../test/webview/harness/server';

/**
 * Bundles a snippet that imports the webview's own modules (paths relative to the repository root)
 * and runs it in the page, so a benchmark's baseline uses exactly the code the view ships.
 */
export async function runBundledInPage(page: Page, source: string): Promise<void> {
  const root = repoRoot();
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    absWorkingDir: root,
  });
  await page.evaluate(result.outputFiles[0]?.text ?? '');
}
