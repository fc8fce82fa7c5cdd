import type MiniSearch from 'minisearch';

export type MiniSearchClass = typeof MiniSearch;

let loaded: MiniSearchClass | undefined;

/**
 * MiniSearch, loaded on first use. In dist/extension.js this require is dist/search.js, a bundle
 * of its own (esbuild.js), so activation does not read it; tests and the benchmarks load the
 * package itself, whose CommonJS build is the class (the bundle's is an ES module's `default`).
 */
export function miniSearch(): MiniSearchClass {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require('minisearch') as MiniSearchClass | { default: MiniSearchClass };
    loaded = 'default' in module ? module.default : module;
  }
  return loaded;
}
