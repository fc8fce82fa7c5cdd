// Activation in real VS Code (issue #8): time from `activate` called to returned, median of cold
// starts (a fresh VS Code server and profile each), budget 20 ms, for the extension as shipped
// (the unpacked production .vsix). Baselines in the same run, measured the same way: an empty
// extension (`activate() {}`) and Twin Chat as one bundle with the network client inside (what it
// was before the split). --quick: one cold start of Twin Chat alone, no baselines.
//   node out/bench/activation.js [--quick]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ID } from '../src/constants';
import { unsplitExtension } from './lib/bundles';
import type { ActivationResult } from './host/activation';
import { median, type Benchmark, type BenchRow } from './lib/result';
import { scratch, shippedExtension } from './lib/shipped';
import { runStandalone } from './lib/standalone';
import { runInVsCode } from './lib/vscodeRun';

interface Variant {
  label: string;
  extensionPath: string;
  extensionId: string;
  results: ActivationResult[];
}

const EMPTY_ID = 'twinchat.bench-empty';

/** The baseline: an extension whose activate does nothing, timed the way Twin Chat times itself. */
function emptyExtension(): string {
  const dir = scratch('twin-chat-bench-empty-');
  const manifest = {
    name: 'bench-empty',
    publisher: 'twinchat',
    version: '0.0.0',
    engines: { vscode: '^1.96.0' },
    main: './extension.js',
    activationEvents: [],
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  fs.writeFileSync(
    path.join(dir, 'extension.js'),
    'exports.activate = function () {\n  const started = performance.now();\n  return { activationMs: performance.now() - started };\n};\n',
  );
  return dir;
}

/** The shipped extension with dist/extension.js replaced by the single pre-split bundle. */
async function unsplitCopy(shippedDir: string): Promise<string> {
  const dir = path.join(scratch('twin-chat-bench-unsplit-'), 'extension');
  fs.cpSync(shippedDir, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'extension.js'), (await unsplitExtension()).text);
  fs.rmSync(path.join(dir, 'dist', 'client.js'));
  return dir;
}

function ms(values: number[]): string {
  return `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)} ms`;
}

function activateMs(result: ActivationResult): number {
  if (result.activateMs === undefined) throw new Error(`${result.extensionId}: no activationMs`);
  return result.activateMs;
}

const callerMs = (result: ActivationResult): number => result.callerMs;

/** The baseline's median and the ratio to it; nothing when the baseline was not measured. */
function against(
  values: number[],
  baseline: Variant | undefined,
  pick: (result: ActivationResult) => number,
): Pick<BenchRow, 'baseline' | 'ratio'> {
  if (!baseline) return {};
  const value = median(baseline.results.map(pick));
  return { baseline: { label: baseline.label, value }, ratio: median(values) / value };
}

function rows(shipped: Variant, empty?: Variant, unsplit?: Variant): BenchRow[] {
  const runs = shipped.results.length;
  const inside = shipped.results.map(activateMs);
  const caller = shipped.results.map(callerMs);
  const result: BenchRow[] = [
    {
      bench: 'activation',
      metric: '`activate` called to returned, cold start (measured inside activate)',
      value: median(inside),
      unit: 'ms',
      ...against(inside, empty, activateMs),
      budget: { limit: 20, kind: 'max', on: 'value' },
      runs,
      note: `range ${ms(inside)}; also in the log: "Activated in N ms"`,
    },
    {
      bench: 'activation',
      metric: 'extension.activate() to resolved, cold: loading dist/extension.js + activate',
      value: median(caller),
      unit: 'ms',
      ...against(caller, empty, callerMs),
      runs,
      note: `range ${ms(caller)}${empty ? "; the baseline is VS Code's own cost of activating an extension" : ''}`,
    },
  ];
  if (unsplit) {
    result.push({
      bench: 'activation',
      metric: 'loading + activate, shipped vs before the split',
      value: median(caller),
      unit: 'ms',
      ...against(caller, unsplit, callerMs),
      runs,
      note: `before the split: range ${ms(unsplit.results.map(callerMs))}`,
    });
  }
  return result;
}

export const run: Benchmark = async ({ quick }) => {
  const shippedDir = (await shippedExtension()).dir;
  const variant = (label: string, extensionPath: string, extensionId: string): Variant => ({
    label,
    extensionPath,
    extensionId,
    results: [],
  });
  const shipped = variant('Twin Chat as shipped', shippedDir, EXTENSION_ID);
  // The smoke run (quick) is one cold start of Twin Chat alone: no baselines.
  const baselines = quick
    ? []
    : [
        variant('empty extension, activate() {}', emptyExtension(), EMPTY_ID),
        variant(
          'one bundle with the network client inside',
          await unsplitCopy(shippedDir),
          EXTENSION_ID,
        ),
      ];
  const [empty, unsplit] = baselines;
  const variants = [shipped, ...baselines];
  // Interleaved, so a slow spell of the machine does not land on one variant only.
  for (let i = 0; i < (quick ? 1 : 10); i++) {
    for (const v of variants) {
      v.results.push(
        await runInVsCode<ActivationResult>({
          extensionPath: v.extensionPath,
          entry: 'activation',
          env: { TWIN_CHAT_BENCH_EXTENSION: v.extensionId },
        }),
      );
    }
  }
  return rows(shipped, empty, unsplit);
};

runStandalone('activation', run);
