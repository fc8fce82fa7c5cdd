import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import { ICON_NAMES } from '../../src/webview-ui/icons';

const root = path.resolve(__dirname, '..', '..', '..');
const STALE_FONT = 'dist/webview/codicon-EARLIER0.ttf';

function listZip(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function readZipEntry(file: string, name: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== name) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            zip.close();
            resolve(Buffer.concat(chunks));
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => reject(new Error(`${name} is not in ${file}`)));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('the packaged .vsix', function () {
  this.timeout(180_000);
  let vsix: string;
  let entries: string[];

  before(async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-vsix-'));
    vsix = path.join(outDir, 'twin-chat.vsix');
    // A font as an earlier build with other icons left it (esbuild names files by content hash).
    fs.mkdirSync(path.join(root, STALE_FONT, '..'), { recursive: true });
    fs.writeFileSync(path.join(root, STALE_FONT), 'an earlier build');
    // Exactly the project's `npm run package`, so the test covers its flags and .vscodeignore.
    execFileSync('npm', ['run', '--silent', 'package', '--', '--out', vsix], {
      cwd: root,
      stdio: 'pipe',
    });
    entries = (await listZip(vsix)).filter((name) => name.startsWith('extension/'));
  });

  after(() => fs.rmSync(path.dirname(vsix), { recursive: true, force: true }));

  it('holds the bundles, manifest, translations and media that run', () => {
    for (const required of [
      'extension/package.json',
      'extension/package.nls.json',
      'extension/package.nls.vi.json',
      'extension/l10n/bundle.l10n.vi.json',
      'extension/dist/extension.js',
      'extension/dist/client.js',
      'extension/dist/search.js',
      'extension/dist/webview/main.js',
      'extension/dist/webview/main.css',
      'extension/media/twin-chat.svg',
      'extension/media/walkthrough/connect.md',
      'extension/docs/images/chat.png',
      'extension/readme.md',
    ]) {
      assert.ok(
        entries.some((e) => e.toLowerCase() === required.toLowerCase()),
        `${required} missing`,
      );
    }
  });

  it("ships every image the README shows, so the Extensions view's README has no broken pictures", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\((docs\/images\/[^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 5, 'the README shows the user guide screenshots');
    for (const image of images) {
      assert.ok(entries.includes(`extension/${image}`), `${image} is not in the .vsix`);
    }
  });

  it('leaves out what earlier builds left in dist/', () => {
    assert.ok(!entries.includes(`extension/${STALE_FONT}`), `${STALE_FONT} was packaged`);
  });

  it('leaves out sources, tests, source maps and node_modules', () => {
    const unwanted = entries.filter((e) =>
      /\.ts$|\.map$|\/node_modules\/|^extension\/(src|test|out|bench|\.ci|\.vscode)\/|^extension\/dist\/cli\.js$/.test(
        e,
      ),
    );
    assert.deepEqual(unwanted, []);
  });

  it('loads the network client (undici) on first use, not with the activation bundle', async () => {
    // undici's error codes (UND_ERR_*) appear throughout its code and nowhere in ours.
    const extension = (await readZipEntry(vsix, 'extension/dist/extension.js')).toString('utf8');
    const client = (await readZipEntry(vsix, 'extension/dist/client.js')).toString('utf8');
    assert.ok(!extension.includes('UND_ERR_'), 'dist/extension.js bundles undici');
    assert.match(extension, /require\("\.\/client\.js"\)/);
    assert.ok(client.includes('UND_ERR_'), 'dist/client.js lacks undici');
  });

  it('loads MiniSearch when a search index is first built or read, not with the activation bundle', async () => {
    // MiniSearch's own error messages start so; no code of ours does.
    const extension = (await readZipEntry(vsix, 'extension/dist/extension.js')).toString('utf8');
    const search = (await readZipEntry(vsix, 'extension/dist/search.js')).toString('utf8');
    assert.ok(!extension.includes('MiniSearch: '), 'dist/extension.js bundles MiniSearch');
    assert.match(extension, /require\("\.\/search\.js"\)/);
    assert.ok(search.includes('MiniSearch: '), 'dist/search.js lacks MiniSearch');
  });

  it('carries the Marketplace icon the manifest names: a 128x128 PNG drawn by the build', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      icon?: string;
    };
    assert.equal(manifest.icon, 'dist/icon.png');
    const png = await readZipEntry(vsix, 'extension/dist/icon.png');
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // IHDR, the first chunk, holds the width and height as big-endian integers.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('ships the codicons the chat view uses, each with its rule and glyph, and no others', async () => {
    const css = (await readZipEntry(vsix, 'extension/dist/webview/main.css')).toString('utf8');
    const rules = new Map(
      [...css.matchAll(/\.codicon-([a-z0-9-]+):before\s*\{\s*content:\s*"\\([0-9a-f]+)"/gi)].map(
        ([, name = '', hex = '']) => [name, parseInt(hex, 16)],
      ),
    );
    assert.deepEqual([...rules.keys()].sort(), [...ICON_NAMES].sort());
    const fonts = entries.filter((e) => /^extension\/dist\/webview\/.*\.ttf$/.test(e));
    assert.equal(fonts.length, 1, `one icon font, not ${fonts.join(', ')}`);
    const font = await readZipEntry(vsix, fonts[0] ?? '');
    // harfbuzzjs is an ES module that loads its WebAssembly with a top-level await.
    const { Blob, Face } = await import('harfbuzzjs');
    const inFont = [...new Face(new Blob(font), 0).collectUnicodes()].sort((a, b) => a - b);
    const named = [...new Set(rules.values())].sort((a, b) => a - b);
    assert.deepEqual(inFont, named);
  });

  it('is smaller than 1 MB', () => {
    const size = fs.statSync(vsix).size;
    console.log(`      .vsix size: ${(size / 1024).toFixed(1)} KB, ${entries.length} files`);
    assert.ok(size < 1024 * 1024, `${size} bytes`);
  });
});
