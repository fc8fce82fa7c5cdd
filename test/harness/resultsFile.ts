import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where every suite records its counts, so one line can total them after `npm test`. */
export const RESULTS_DIR = path.resolve(
  process.env.TWIN_CHAT_RESULTS_DIR ??
    path.join(__dirname, '..', '..', '..', 'test-output', 'results'),
);

export interface SuiteCounts {
  suite: string;
  passed: number;
  failed: number;
  pending: number;
  /** Why the suite counts as failed when its tests alone do not say (it crashed, ran nothing...). */
  reason?: string;
}

export function resultsPath(suite: string, dir = RESULTS_DIR): string {
  return path.join(dir, `${suite}.json`);
}

export function writeSuiteCounts(counts: SuiteCounts, dir = RESULTS_DIR): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(resultsPath(counts.suite, dir), JSON.stringify(counts));
}

/** One suite's counts; a string says why there are none to trust (missing, unreadable, malformed). */
export function readSuiteCounts(suite: string, dir = RESULTS_DIR): SuiteCounts | string {
  let text: string;
  try {
    text = fs.readFileSync(resultsPath(suite, dir), 'utf8');
  } catch {
    return 'no results file';
  }
  return parseSuiteCounts(text) ?? 'a malformed results file';
}

export function readAllSuiteCounts(dir = RESULTS_DIR): SuiteCounts[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const suite = name.slice(0, -'.json'.length);
      const counts = readSuiteCounts(suite, dir);
      // A file nobody can read still stands for a suite that did not pass.
      return typeof counts === 'string'
        ? { suite, passed: 0, failed: 1, pending: 0, reason: counts }
        : counts;
    });
}

function parseSuiteCounts(text: string): SuiteCounts | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { suite, passed, failed, pending, reason } = value as Record<string, unknown>;
  const isCount = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  if (typeof suite !== 'string' || !isCount(passed) || !isCount(failed) || !isCount(pending)) {
    return undefined;
  }
  if (reason !== undefined && typeof reason !== 'string') return undefined;
  return reason === undefined
    ? { suite, passed, failed, pending }
    : { suite, passed, failed, pending, reason };
}
