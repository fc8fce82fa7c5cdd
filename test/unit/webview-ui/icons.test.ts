import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ICON_NAMES } from '../../../src/webview-ui/icons';

const webviewSources = path.resolve(__dirname, '..', '..', '..', '..', 'src', 'webview-ui');

function sourceFiles(dir: string): string[] {
  const names = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
  return names.filter((name) => /\.(ts|css)$/.test(name)).map((name) => path.join(dir, name));
}

describe('the codicons the chat view names', () => {
  // The build ships only ICON_NAMES' glyphs (build/codicons.js); `icon()` is typed to them, but a
  // class written out by hand would get no glyph and show nothing.
  it('names no icon by class outside the list the build ships', () => {
    const listed = new Set<string>(ICON_NAMES);
    const unlisted: string[] = [];
    for (const file of sourceFiles(webviewSources)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const [, name = ''] of text.matchAll(/codicon-([a-z0-9-]+)/g)) {
        // The stylesheet's modifiers and its keyframes are not icons.
        if (name.startsWith('modifier-') || name === 'spin' || listed.has(name)) continue;
        unlisted.push(`${path.relative(webviewSources, file)}: codicon-${name}`);
      }
    }
    assert.deepEqual(unlisted, []);
  });
});
