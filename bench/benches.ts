// The benchmarks `npm run bench` runs, in this order, and the ones `test/bench/benchSmoke.test.ts`
// smoke-runs. Each is bench/<name>.ts exporting `run: Benchmark` (bench/lib/result.ts), imported
// here, not looked up at run time: a bench that is missing or stops exporting `run` breaks the
// build and the type check. Adding one is one import and one line.
import { run as activation } from './activation';
import { run as answerCap } from './answerCap';
import { run as concurrent } from './concurrent';
import { run as history } from './history';
import { run as latency } from './latency';
import type { Benchmark } from './lib/result';
import { run as providers } from './providers';
import { run as render } from './render';
import { run as sizes } from './sizes';
import { run as store } from './store';
import { run as upload } from './upload';

export const BENCHMARKS = {
  sizes,
  activation,
  upload,
  answerCap,
  providers,
  render,
  history,
  latency,
  concurrent,
  store,
} as const satisfies Record<string, Benchmark>;

export type BenchName = keyof typeof BENCHMARKS;

/** The names in the order they run (an object keeps its keys in the order they were written). */
export const BENCHES = Object.keys(BENCHMARKS) as BenchName[];
