// The extension exactly as users get it: `npm run package` (production bundles, .vscodeignore)
// into a temporary folder, unpacked, so sizes are read from the shipped files and VS Code loads
// the shipped code. Built once per process and removed when it exits.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as yauzl from 'yauzl';
import { packageVsix } from '../../test/harness/packagedExtension';
import { repoRoot } from '../../test/harness/repoRoot';

export interface ShippedFile {
  /** Path inside the extension folder, e.g. `dist/extension.js`. */
  path: string;
  size: number;
  compressedSize: number;
}

export interface Shipped {
  vsix: string;
  vsixBytes: number;
  /** The unpacked `extension/` folder: usable as an extensionDevelopmentPath. */
  dir: string;
  files: ShippedFile[];
}

let shipped: Promise<Shipped> | undefined;

const temporary = new Set<string>();
process.once('exit', () => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder, removed when the process exits if nobody removed it earlier. */
export function scratch(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.add(dir);
  return dir;
}

function unzip(file: string, into: string): Promise<ShippedFile[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files: ShippedFile[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.startsWith('extension/') || entry.fileName.endsWith('/'))
          return zip.readEntry();
        const relative = entry.fileName.slice('extension/'.length);
        files.push({
          path: relative,
          size: entry.uncompressedSize,
          compressedSize: entry.compressedSize,
        });
        const target = path.join(into, relative);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          stream.pipe(fs.createWriteStream(target)).on('finish', () => zip.readEntry());
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

async function build(): Promise<Shipped> {
  const dir = scratch('twin-chat-bench-vsix-');
  const vsix = packageVsix(dir, { quiet: true });
  // Packaging leaves production bundles in dist/; put back the development build the other
  // benchmarks (render) and the test suites expect there.
  execFileSync(process.execPath, ['esbuild.js'], { cwd: repoRoot(), stdio: 'pipe' });
  const extensionDir = path.join(dir, 'extension');
  const files = await unzip(vsix, extensionDir);
  return { vsix, vsixBytes: fs.statSync(vsix).size, dir: extensionDir, files };
}

/** The packaged extension, built on first call. */
export function shippedExtension(): Promise<Shipped> {
  shipped ??= build();
  return shipped;
}
