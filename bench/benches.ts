// The benchmarks `npm run bench` runs, in this order. Each is a module bench/<name>.ts that exports
// `run: Benchmark` (bench/result.ts); adding one is one line here. A name whose module does not
// exist yet is reported as missing, not as a failure.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Benchmark } from './result';

export const BENCHES = [
  'sizes',
  'activation',
  'upload',
  'answerCap',
  'providers',
  'render',
  'history',
  'latency',
] as const;

export type BenchName = (typeof BENCHES)[number];

/** The repository root, from wherever esbuild put the compiled file (out/bench, out/test/bench). */
import { repoRoot } from '../test/harness/repoRoot';

export { repoRoot };

/** esbuild's CommonJS output lists a module's exports as `name: () => binding`. */
const EXPORTS_RUN = /\brun: \(\) => run\b/;

/**
 * The compiled module's `run`, or undefined when bench/<name>.ts does not exist or does not
 * export `run` yet (loading such a file would start its standalone main). Loaded at run time
 * (esbuild compiles every bench file to out/bench/), so a missing one does not break the build.
 */
export function loadBench(name: BenchName): Benchmark | undefined {
  const file = path.join(repoRoot(), 'out', 'bench', `${name}.js`);
  if (!fs.existsSync(file) || !EXPORTS_RUN.test(fs.readFileSync(file, 'utf8'))) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(file) as { run?: unknown };
  if (typeof loaded.run !== 'function') throw new Error(`bench/${name}.ts does not export run`);
  return loaded.run as Benchmark;
}
