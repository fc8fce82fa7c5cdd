// npm run bench [-- --quick] [-- --only sizes,upload]
// Runs every benchmark in bench/benches.ts and writes one table with the machine it ran on:
// bench/results/latest.md and latest.json (a --quick smoke run writes bench/output/quick.* instead,
// so it never replaces real figures).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as prettier from 'prettier';
import { CODE_SERVER_VERSION, ensureToolchain } from '../test/harness/toolchain';
import { repoRoot } from '../test/harness/repoRoot';
import { BENCHES, BENCHMARKS, type BenchName } from './benches';
import { withinBudget, type BenchRow } from './lib/result';
import { describeRow, isProgram } from './lib/standalone';

interface BenchStatus {
  name: BenchName;
  status: 'ok' | 'failed';
  seconds?: number;
  error?: string;
}

interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  vscode: string;
  extensionHostNode: string;
  chromium: string;
}

interface Report {
  command: string;
  date: string;
  /** The machine is shared: its 1-minute load average when the run started and ended. */
  loadAverage: { start: number; end: number };
  quick: boolean;
  machine: Machine;
  benches: BenchStatus[];
  rows: (BenchRow & { withinBudget?: boolean })[];
}

function firstLine(file: string, args: string[]): string {
  try {
    const output = execFileSync(file, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return output.trim().split('\n')[0] ?? '';
  } catch {
    return 'unknown';
  }
}

function osName(): string {
  const release = fs.existsSync('/etc/os-release')
    ? fs.readFileSync('/etc/os-release', 'utf8')
    : '';
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1];
  return `${pretty ?? os.type()} (${os.type()} ${os.release()}, ${os.arch()})`;
}

function machine(): Machine {
  const toolchain = ensureToolchain({ quiet: true });
  const vscodePackage = path.join(path.dirname(path.dirname(toolchain.serverMain)), 'package.json');
  const vscode = (JSON.parse(fs.readFileSync(vscodePackage, 'utf8')) as { version: string })
    .version;
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: osName(),
    node: process.version,
    vscode: `${vscode} (code-server ${CODE_SERVER_VERSION}, server + web workbench)`,
    extensionHostNode: firstLine(toolchain.node24, ['--version']),
    chromium: firstLine(toolchain.chromium, ['--version']),
  };
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function command(): string {
  const args = process.argv.slice(2);
  const npm = process.env.npm_lifecycle_event === 'bench';
  const base = npm ? 'npm run bench' : 'node out/bench/run.js';
  if (args.length === 0) return base;
  return npm ? `${base} -- ${args.join(' ')}` : `${base} ${args.join(' ')}`;
}

async function runAll(names: readonly BenchName[], quick: boolean) {
  const statuses: BenchStatus[] = [];
  const rows: BenchRow[] = [];
  for (const name of names) {
    const bench = BENCHMARKS[name];
    console.log(`[bench] ${name}…`);
    const started = performance.now();
    try {
      rows.push(...(await bench({ quick })));
      const seconds = Math.round((performance.now() - started) / 100) / 10;
      statuses.push({ name, status: 'ok', seconds });
      console.log(`[bench] ${name}: done in ${seconds} s`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[bench] ${name} failed: ${message}`);
      statuses.push({ name, status: 'failed', error: message });
    }
  }
  return { statuses, rows };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdown(report: Report): string {
  const m = report.machine;
  const lines = [
    `# Twin Chat benchmarks${report.quick ? ' (quick smoke run: not figures to quote)' : ''}`,
    '',
    `Command: \`${report.command}\`, ${report.date}.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM; ${m.os}; Node ${m.node} (bench process);`,
    `VS Code ${m.vscode}, extension host Node ${m.extensionHostNode}; ${m.chromium}.`,
    `Load average (1 min) ${report.loadAverage.start.toFixed(1)} at the start, ${report.loadAverage.end.toFixed(1)} at the end.`,
    '',
    'Every baseline is measured in the same run; ratio = value / baseline; a value is the median',
    'over `runs`. A budget in x is on the ratio, any other on the value. Absolute times are this',
    "machine's at the load above and move between machines; see bench/README.md for what each",
    'baseline is. KB = 1,024 bytes, MB = 1,024 KB.',
    '',
    '| bench | metric | value | baseline | ratio | budget | within budget | runs | note |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...report.rows.map((row) => {
      const d = describeRow(row);
      return `| ${[
        row.bench,
        row.metric,
        d.value,
        d.baseline,
        d.ratio,
        d.budget,
        d.within,
        String(row.runs),
        row.note ?? '',
      ]
        .map(cell)
        .join(' | ')} |`;
    }),
    '',
  ];
  const notRun = report.benches.filter((b) => b.status !== 'ok');
  if (notRun.length > 0) {
    lines.push('Not in this table:', '');
    for (const b of notRun) {
      lines.push(`- ${b.name}: failed: ${cell(b.error ?? '')}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function write(file: string, text: string): Promise<void> {
  const config = (await prettier.resolveConfig(file)) ?? {};
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await prettier.format(text, { ...config, filepath: file }));
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = option('--only')?.split(',');
  const names = BENCHES.filter((name) => !only || only.includes(name));
  const date = new Date().toISOString();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const { statuses, rows } = await runAll(names, quick);
  const report: Report = {
    command: command(),
    date,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
    quick,
    machine: machine(),
    benches: statuses,
    rows: rows.map((row) => ({ ...row, withinBudget: withinBudget(row) })),
  };
  const dir = path.join(repoRoot(), 'bench', quick ? 'output' : 'results');
  const base = path.join(dir, quick ? 'quick' : 'latest');
  const text = markdown(report);
  await write(`${base}.md`, text);
  await write(`${base}.json`, JSON.stringify(report));
  console.log(`\n${text}`);
  console.log(`Written to ${path.relative(repoRoot(), base)}.md and .json`);
  if (statuses.some((s) => s.status === 'failed')) process.exitCode = 1;
}

if (isProgram('run')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
