// The Marketplace icon (a 128x128 PNG, which vsce requires) is drawn from the activity-bar SVG,
// media/twin-chat.svg, so the two never drift apart and nobody edits a PNG by hand.
// Called by esbuild.js in production builds (what `vsce package` runs through vscode:prepublish).
const fs = require('node:fs');
const path = require('node:path');

const SIZE = 128;
const BACKGROUND = '#0e639c';
const FOREGROUND = '#ffffff';
/** The 24-unit glyph, scaled into the middle of the tile with a margin. */
const GLYPH_SCALE = 4;
const GLYPH_OFFSET = (SIZE - 24 * GLYPH_SCALE) / 2;

function iconSvg(glyphSvg) {
  const inner = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(glyphSvg);
  if (!inner) throw new Error('media/twin-chat.svg has no <svg> element');
  const glyph = inner[1].replaceAll('currentColor', FOREGROUND);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">` +
    `<rect width="${SIZE}" height="${SIZE}" rx="24" fill="${BACKGROUND}"/>` +
    `<g transform="translate(${GLYPH_OFFSET} ${GLYPH_OFFSET}) scale(${GLYPH_SCALE})" fill="none" ` +
    `stroke="${FOREGROUND}" stroke-width="1.5" stroke-linejoin="round">${glyph}</g></svg>`
  );
}

function writeMarketplaceIcon(root, outFile) {
  const { Resvg } = require('@resvg/resvg-js');
  const glyph = fs.readFileSync(path.join(root, 'media', 'twin-chat.svg'), 'utf8');
  const png = new Resvg(iconSvg(glyph), { fitTo: { mode: 'width', value: SIZE } }).render();
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, png.asPng());
}

module.exports = { writeMarketplaceIcon, ICON_SIZE: SIZE };
