// The chat view's icons are codicons, but it shows thirty-odd of the font's 650: the whole font
// (126 KB, 61 KB compressed) and its stylesheet (one rule per icon) were a tenth of the .vsix and
// of every webview load. This esbuild plugin stands in for `@vscode/codicons/dist/codicon.css`
// when src/webview-ui/main.css imports it: the same stylesheet with only the icon rules of
// `ICON_NAMES` (src/webview-ui/icons.ts), and a font cut down to their glyphs (subset-font, a
// WebAssembly build of HarfBuzz's subsetter). Everything else in the stylesheet (the font face,
// the base rule, the modifiers and the spin animation) is kept as codicons wrote it.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const CODICON_CSS = require.resolve('@vscode/codicons/dist/codicon.css');
const CODICON_TTF = require.resolve('@vscode/codicons/dist/codicon.ttf');
const ICONS_SOURCE = path.join(__dirname, '..', 'src', 'webview-ui', 'icons.ts');
const NAMESPACE = 'codicons-subset';
const FONT_FILE = 'codicon.ttf';

/** One icon's rule: `.codicon-add:before { content: "\ea60" }`, one per line in codicon.css. */
const ICON_RULE = /^\.codicon-([a-z0-9-]+):before\s*\{\s*content:\s*"\\([0-9a-f]+)"\s*\}\s*$/i;
/** The font face's source; its query string is a cache buster for the full font. */
const FONT_URL = /url\("\.\/codicon\.ttf[^"]*"\)/;

/** `ICON_NAMES` of src/webview-ui/icons.ts, which has no imports so it can be run on its own. */
function iconNames(file = ICONS_SOURCE) {
  const source = fs.readFileSync(file, 'utf8');
  const { code } = esbuild.transformSync(source, { loader: 'ts', format: 'cjs' });
  const module = { exports: {} };
  new Function('module', 'exports', code)(module, module.exports);
  const names = module.exports.ICON_NAMES;
  if (!Array.isArray(names)) throw new Error(`${file} exports no ICON_NAMES list`);
  return names;
}

/** Icon name -> its code point in the font, from a codicons stylesheet. */
function glyphsOf(css) {
  const glyphs = new Map();
  for (const line of css.split('\n')) {
    const rule = ICON_RULE.exec(line.trim());
    if (rule) glyphs.set(rule[1], parseInt(rule[2], 16));
  }
  return glyphs;
}

/**
 * codicon.css, the listed names and their code points, read afresh for each build (watch mode
 * follows icons.ts); a name codicons does not have stops the build rather than show a blank icon.
 */
function chosenIcons() {
  const css = fs.readFileSync(CODICON_CSS, 'utf8');
  const glyphs = glyphsOf(css);
  const names = iconNames();
  const codePoints = names.map((name) => {
    const codePoint = glyphs.get(name);
    if (codePoint === undefined)
      throw new Error(
        `src/webview-ui/icons.ts names "${name}", which @vscode/codicons does not have`,
      );
    return codePoint;
  });
  return { css, names, codePoints };
}

/** codicon.css with the icon rules of `names` only, its font face pointing at the subset font. */
function subsetStylesheet(css, names) {
  if (!FONT_URL.test(css))
    throw new Error('codicon.css no longer has the font face this plugin expects');
  const kept = new Set(names);
  return css
    .replace(FONT_URL, `url("${FONT_FILE}")`)
    .split('\n')
    .filter((line) => {
      const rule = ICON_RULE.exec(line.trim());
      return !rule || kept.has(rule[1]);
    })
    .join('\n');
}

/** The codicon font with only the glyphs of these code points (and what every font keeps). */
async function subsetFont(codePoints) {
  const subset = require('subset-font');
  const font = fs.readFileSync(CODICON_TTF);
  return subset(font, String.fromCodePoint(...codePoints), { targetFormat: 'truetype' });
}

function codiconsPlugin() {
  return {
    name: 'codicons-subset',
    setup(build) {
      build.onResolve({ filter: /^@vscode\/codicons\/dist\/codicon\.css$/ }, () => ({
        path: 'codicon.css',
        namespace: NAMESPACE,
      }));
      build.onResolve({ filter: /^codicon\.ttf$/, namespace: NAMESPACE }, () => ({
        path: FONT_FILE,
        namespace: NAMESPACE,
      }));
      const watchFiles = [ICONS_SOURCE, CODICON_CSS, CODICON_TTF];
      build.onLoad({ filter: /\.css$/, namespace: NAMESPACE }, () => {
        const { css, names } = chosenIcons();
        return { contents: subsetStylesheet(css, names), loader: 'css', watchFiles };
      });
      build.onLoad({ filter: /\.ttf$/, namespace: NAMESPACE }, async () => {
        const font = await subsetFont(chosenIcons().codePoints);
        return { contents: font, loader: 'file', watchFiles };
      });
    },
  };
}

module.exports = { codiconsPlugin };
