// CPU time each process on the machine spent over a stretch of work, read from /proc: on a
// two-core machine a latency tail is often another process's turn on the CPU, and this says whose.
import * as fs from 'node:fs';

/** Linux's USER_HZ, the unit of utime and stime in /proc/<pid>/stat (100 on every kernel here). */
const TICKS_PER_SECOND = 100;

interface ProcessTime {
  label: string;
  ticks: number;
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

function read(pid: number): ProcessTime | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { label: labelOf(pid, cmdline), ticks };
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
}

/** CPU milliseconds per kind of process between two snapshots, largest first. */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): CpuUse[] {
  const byLabel = new Map<string, number>();
  for (const [pid, time] of after) {
    const ticks = time.ticks - (before.get(pid)?.ticks ?? 0);
    if (ticks > 0) byLabel.set(time.label, (byLabel.get(time.label) ?? 0) + ticks);
  }
  return [...byLabel]
    .map(([label, ticks]) => ({ label, ms: (ticks * 1000) / TICKS_PER_SECOND }))
    .sort((a, b) => b.ms - a.ms);
}
