// Builds every bundle of Twin Chat. Modelled on the `yo code` esbuild template:
//   node esbuild.js               development build (source maps)
//   node esbuild.js --production  minified, no source maps (what the .vsix ships)
//   node esbuild.js --watch       rebuild on change, with problem-matcher output for VS Code tasks
//   node esbuild.js --tests       also bundle test/ and bench/ (suites, harness, simulator) into out/,
//                                 and bench/page/ for the browser into out/bench/page/
// `require('./esbuild.js').bundleOptions` gives the same options to bench/sizes.ts.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { codiconsPlugin } = require('./build/codicons');
const { writeMarketplaceIcon } = require('./build/marketplaceIcon');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const withTests = process.argv.includes('--tests');

// The extension host of the oldest supported VS Code (1.96) runs Node 20.18; see README "Requirements".
const EXTENSION_NODE_TARGET = 'node20.18';

/** Prints esbuild results in the shape of the `$esbuild-watch` problem matcher. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** The network client's bundle, required by dist/extension.js on first use (src/config/clientLoader.ts). */
const NETWORK_CLIENT = './client.js';

/**
 * MiniSearch is its own bundle, dist/search.js, required on first use
 * (src/chat/store/miniSearchLoader.ts): in dist/extension.js `require('minisearch')` names it.
 */
function miniSearchAsItsBundle() {
  return {
    name: 'minisearch-as-its-bundle',
    setup(build) {
      build.onResolve({ filter: /^minisearch$/ }, () => ({ path: './search.js', external: true }));
    },
  };
}

function bundleOptions({ production = false, watch = false } = {}) {
  const shared = {
    bundle: true,
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: watch ? 'silent' : 'warning',
    plugins: watch ? [problemMatcherPlugin] : [],
  };
  const node = { ...shared, platform: 'node', format: 'cjs', target: EXTENSION_NODE_TARGET };
  return [
    {
      // What activation loads: wiring, commands, chat controller, view host. Kept small.
      ...node,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      external: ['vscode', NETWORK_CLIENT],
      plugins: [...node.plugins, miniSearchAsItsBundle()],
    },
    {
      // MiniSearch, for conversation search: loaded when an index is first built or read.
      ...node,
      entryPoints: ['src/chat/store/miniSearchEntry.ts'],
      outfile: 'dist/search.js',
    },
    {
      // undici, eventsource-parser and the provider clients: loaded on first use, not at activation.
      ...node,
      entryPoints: ['src/providers/clientEntry.ts'],
      outfile: 'dist/client.js',
    },
    {
      // The `twin-chat` command-line tool, over the same provider code as the extension.
      ...node,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
    },
    {
      ...shared,
      entryPoints: ['src/webview-ui/main.ts', 'src/webview-ui/main.css'],
      outdir: 'dist/webview',
      platform: 'browser',
      format: 'iife',
      target: ['chrome120'],
      loader: { '.ttf': 'file' },
      // Only the codicons the view uses (build/codicons.js).
      plugins: [...shared.plugins, codiconsPlugin()],
    },
  ];
}

/** Scripts the benchmarks inject into Chromium pages: bundled for the browser, not for Node. */
const BENCH_PAGE_DIR = path.join('bench', 'page');

function listTestSources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (full === BENCH_PAGE_DIR) return [];
    if (entry.isDirectory()) return listTestSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function testBundle() {
  return {
    bundle: true,
    sourcemap: true,
    logLevel: 'warning',
    entryPoints: ['test', 'bench'].filter((dir) => fs.existsSync(dir)).flatMap(listTestSources),
    outdir: 'out',
    outbase: '.',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    // Tests load their libraries from node_modules at run time; only project code is bundled in.
    packages: 'external',
    external: ['vscode'],
  };
}

/**
 * bench/page/<name>.ts -> out/bench/page/<name>.js, one self-contained script per page API, like
 * the webview bundle (bench/lib/pageScript.ts injects them); bench/page/shared/ is what they share.
 */
function benchPageBundle() {
  return {
    bundle: true,
    logLevel: 'warning',
    entryPoints: fs
      .readdirSync(BENCH_PAGE_DIR)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => path.join(BENCH_PAGE_DIR, name)),
    outdir: path.join('out', BENCH_PAGE_DIR),
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
  };
}

async function main() {
  // What ships is dist/ as this build leaves it, and esbuild never deletes: a font or chunk with
  // another content hash from an earlier build would be packaged beside the current one.
  if (production) fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
  const bundles = bundleOptions({ production, watch });
  if (withTests) bundles.push(testBundle(), benchPageBundle());
  const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((context) => context.watch()));
    return;
  }
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
  if (production) writeMarketplaceIcon(__dirname, path.join(__dirname, 'dist', 'icon.png'));
}

module.exports = { bundleOptions };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
