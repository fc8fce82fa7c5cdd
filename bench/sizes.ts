// Sizes as shipped (issue #8): the code activation loads, the network client, the webview bundle
// and the .vsix. Figures are read from the packaged .vsix (production, minified); esbuild's
// metafile says where the bytes come from; each baseline is built in the same run with the same
// esbuild settings.   node out/bench/sizes.js
import {
  buildBundle,
  formatGroups,
  libraryAlone,
  optionsFor,
  unsplitExtension,
} from './lib/bundles';
import type { Benchmark, BenchRow } from './lib/result';
import { shippedExtension, type Shipped } from './lib/shipped';
import { runStandalone } from './lib/standalone';

const KB = 1024;

function shippedKb(shipped: Shipped, file: string): number {
  const found = shipped.files.find((f) => f.path === file);
  if (!found) throw new Error(`${file} is not in the .vsix`);
  return found.size / KB;
}

function row(
  metric: string,
  value: number,
  baseline: { label: string; value: number },
  limit: number,
  note: string,
): BenchRow {
  return {
    bench: 'sizes',
    metric,
    value,
    unit: 'KB',
    baseline,
    ratio: value / baseline.value,
    budget: { limit, kind: 'max', on: 'value' },
    runs: 1,
    note,
  };
}

async function activationRow(shipped: Shipped): Promise<BenchRow> {
  const [split, unsplit] = await Promise.all([
    buildBundle(optionsFor('dist/extension.js')),
    unsplitExtension(),
  ]);
  return row(
    'code loaded at activation: dist/extension.js',
    shippedKb(shipped, 'dist/extension.js'),
    {
      label: 'one bundle with the network client inside, as before the split',
      value: unsplit.bytes / KB,
    },
    150,
    `${formatGroups(split.groups, 5)}; undici: none (${formatGroups(unsplit.groups.filter(([g]) => g === 'undici'))} before the split)`,
  );
}

async function clientRow(shipped: Shipped): Promise<BenchRow> {
  const [client, undici] = await Promise.all([
    buildBundle(optionsFor('dist/client.js')),
    libraryAlone('undici', 'dist/client.js'),
  ]);
  return row(
    'network client, loaded on first use: dist/client.js',
    shippedKb(shipped, 'dist/client.js'),
    { label: 'undici alone, same esbuild settings', value: undici.bytes / KB },
    700,
    formatGroups(client.groups, 4),
  );
}

async function webviewRow(shipped: Shipped): Promise<BenchRow> {
  const webview = await buildBundle(optionsFor('dist/webview/main.js'), 'main.js');
  const libraries = webview.groups.filter(([g]) => !g.startsWith('src/'));
  const librariesKb = libraries.reduce((sum, [, bytes]) => sum + bytes, 0) / KB;
  const css = shippedKb(shipped, 'dist/webview/main.css');
  return row(
    'webview bundle: dist/webview/main.js',
    shippedKb(shipped, 'dist/webview/main.js'),
    { label: "its npm libraries' share, per esbuild's metafile", value: librariesKb },
    500,
    `${formatGroups(webview.groups, 5)}; main.css ${css.toFixed(1)} KB beside it`,
  );
}

function vsixRow(shipped: Shipped): BenchRow {
  const unpacked = shipped.files.reduce((sum, f) => sum + f.size, 0) / KB;
  const largest = [...shipped.files]
    .sort((a, b) => b.compressedSize - a.compressedSize)
    .slice(0, 4)
    .map((f) => `${f.path} ${(f.compressedSize / KB).toFixed(1)} KB`)
    .join(', ');
  return row(
    '.vsix as shipped',
    shipped.vsixBytes / KB,
    { label: 'its files unpacked', value: unpacked },
    600,
    `${shipped.files.length} files; largest compressed: ${largest}`,
  );
}

/** Sizes do not vary between runs: one build, in quick mode too. */
export const run: Benchmark = async () => {
  const shipped = await shippedExtension();
  return [
    await activationRow(shipped),
    await clientRow(shipped),
    await webviewRow(shipped),
    vsixRow(shipped),
  ];
};

runStandalone('sizes', run);
