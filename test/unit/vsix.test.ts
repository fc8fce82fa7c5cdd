import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import { ICON_NAMES } from '../../src/webview-ui/icons';

const root = path.resolve(__dirname, '..', '..', '..');

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
    // The build's own reading of codicon.css: name -> code point.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const codicons = require(path.join(root, 'build', 'codicons.js')) as {
      glyphsOf: (css: string) => Map<string, number>;
    };
    const all = codicons.glyphsOf(
      fs.readFileSync(require.resolve('@vscode/codicons/dist/codicon.css'), 'utf8'),
    );
    const fonts = entries.filter((e) => /^extension\/dist\/webview\/.*\.ttf$/.test(e));
    assert.equal(fonts.length, 1, `one icon font, not ${fonts.join(', ')}`);
    const font = await readZipEntry(vsix, fonts[0] ?? '');
    // harfbuzzjs is an ES module that loads its WebAssembly with a top-level await.
    const { Blob, Face } = await import('harfbuzzjs');
    const shipped = [...new Face(new Blob(font), 0).collectUnicodes()].sort((a, b) => a - b);
    const wanted = [...new Set(ICON_NAMES.map((name) => all.get(name)))].sort(
      (a, b) => (a ?? 0) - (b ?? 0),
    );
    assert.deepEqual(shipped, wanted);
    const css = (await readZipEntry(vsix, 'extension/dist/webview/main.css')).toString('utf8');
    const rules = [...css.matchAll(/\.codicon-([a-z0-9-]+):before/g)].map((m) => m[1]);
    assert.deepEqual(rules.sort(), [...ICON_NAMES].sort());
  });

  it('is smaller than 1 MB', () => {
    const size = fs.statSync(vsix).size;
    console.log(`      .vsix size: ${(size / 1024).toFixed(1)} KB, ${entries.length} files`);
    assert.ok(size < 1024 * 1024, `${size} bytes`);
  });
});
