// CPU time each process on the machine spent over a stretch of work, read from /proc: on a
// two-core machine a latency tail is often another process's turn on the CPU, and this says whose.
import * as fs from 'node:fs';

/** Linux's USER_HZ, the unit of utime and stime in /proc/<pid>/stat (100 on every kernel here). */
const TICKS_PER_SECOND = 100;

interface ProcessTime {
  label: string;
  ticks: number;
  /** Chromium's threads by name (main, Compositor, raster workers): whose CPU it is. */
  threads?: Map<string, number>;
}

/** A short name for what a process is: Chromium by --type, VS Code's server and extension host. */
function labelOf(pid: number, cmdline: string[]): string {
  if (pid === process.pid) return 'bench process (simulator, raw reader, playwright)';
  const command = cmdline.join(' ');
  const type = /--type=([\w-]+)/.exec(command)?.[1];
  if (/chrom/i.test(cmdline[0] ?? '')) {
    if (!type) return 'chromium: browser';
    const service = /--utility-sub-type=([\w.]+)/.exec(command)?.[1];
    return `chromium: ${type}${service ? ` (${service.split('.').pop()})` : ''}`;
  }
  if (command.includes('--type=extensionHost')) return 'vs code: extension host';
  if (command.includes('--type=ptyHost')) return 'vs code: pty host';
  if (command.includes('--type=fileWatcher')) return 'vs code: file watcher';
  if (/server-main|code-server/.test(command)) return 'vs code: server';
  return (cmdline[0] ?? '').split('/').pop() || `pid ${pid}`;
}

/** The name and CPU ticks of a /proc stat line (a process's or a thread's). */
function parseStat(stat: string): { name: string; ticks: number } {
  // The command name is in parentheses and may hold spaces: fields start after the last ')'.
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return {
    name: stat.slice(stat.indexOf('(') + 1, close),
    ticks: Number(fields[11]) + Number(fields[12]),
  };
}

/**
 * CPU ticks per thread name; threads of one name (a pool's workers) are added up. The main thread
 * carries the program's name ("chromium"), so it is called "main" here.
 */
function readThreads(pid: number): Map<string, number> {
  const threads = new Map<string, number>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = parseStat(fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      const name = Number(tid) === pid ? 'main' : stat.name;
      threads.set(name, (threads.get(name) ?? 0) + stat.ticks);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return threads;
}

function read(pid: number): ProcessTime | undefined {
  try {
    const { ticks } = parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const label = labelOf(pid, cmdline);
    return { label, ticks, threads: label.startsWith('chromium') ? readThreads(pid) : undefined };
  } catch {
    return undefined; // it exited between the listing and the read
  }
}

export type CpuSnapshot = Map<number, ProcessTime>;

export function cpuSnapshot(): CpuSnapshot {
  const out: CpuSnapshot = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const time = read(pid);
    if (time) out.set(pid, time);
  }
  return out;
}

export interface CpuUse {
  label: string;
  ms: number;
  /** For Chromium's processes: CPU milliseconds per thread name, largest first. */
  threads?: { name: string; ms: number }[];
}

const toMs = (ticks: number): number => (ticks * 1000) / TICKS_PER_SECOND;

function threadTicksBetween(
  before: ProcessTime | undefined,
  after: ProcessTime,
  into: Map<string, number>,
): void {
  for (const [name, ticks] of after.threads ?? []) {
    const spent = ticks - (before?.threads?.get(name) ?? 0);
    if (spent > 0) into.set(name, (into.get(name) ?? 0) + spent);
  }
}

/** CPU milliseconds per kind of process between two snapshots, largest first. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuUse[] {
  const byLabel = new Map<string, number>();
  const threadsByLabel = new Map<string, Map<string, number>>();
  for (const [pid, time] of after) {
    const ticks = time.ticks - (before.get(pid)?.ticks ?? 0);
    if (ticks <= 0) continue;
    byLabel.set(time.label, (byLabel.get(time.label) ?? 0) + ticks);
    if (!time.threads) continue;
    const threads = threadsByLabel.get(time.label) ?? new Map<string, number>();
    threadTicksBetween(before.get(pid), time, threads);
    threadsByLabel.set(time.label, threads);
  }
  const largestFirst = (ticks: Map<string, number>): { name: string; ms: number }[] =>
    [...ticks].map(([name, spent]) => ({ name, ms: toMs(spent) })).sort((a, b) => b.ms - a.ms);
  return [...byLabel]
    .map(([label, ticks]) => {
      const threads = threadsByLabel.get(label);
      return { label, ms: toMs(ticks), threads: threads && largestFirst(threads) };
    })
    .sort((a, b) => b.ms - a.ms);
}
