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
}

export function writeSuiteCounts(counts: SuiteCounts): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${counts.suite}.json`), JSON.stringify(counts));
}

export function readAllSuiteCounts(): SuiteCounts[] {
  if (!fs.existsSync(RESULTS_DIR)) return [];
  return fs
    .readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith('.json'))
    .map(
      (name) => JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, name), 'utf8')) as SuiteCounts,
    );
}
