// Answer cap in real VS Code (issue 15): a KamiMind server streams an answer without end, as fast
// as the socket takes it. The answer must be cut at twinChat.chat.maxAnswerSizeMB (default 4 MB),
// the extension host must gain less than the cap plus 30 MB, and the conversation file must hold
// the partial answer, marked as cut. The simulator runs here, outside the extension host.
//   node out/bench/answerCap.js [--quick]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CHARS_PER_MB, DEFAULT_MAX_ANSWER_MB } from '../src/chat/answerLimit';
import { startSimulator } from '../test/simulator/server';
import type { AnswerCapResult } from './host/answerCap';
import { median, type Benchmark, type BenchRow } from './lib/result';
import { scratch, shippedExtension } from './lib/shipped';
import { runStandalone } from './lib/standalone';
import { runInVsCode } from './lib/vscodeRun';

const MB = 1024 * 1024;
const IDLE_MS = 2000;
/** Far past the cap: if the cut failed, the run would show it (and still end). */
const SERVER_STOPS_AFTER_MB = 512;
const HEADROOM_MB = 30;

function rows(results: AnswerCapResult[]): BenchRow[] {
  const med = (f: (r: AnswerCapResult) => number): number => median(results.map(f));
  const rss = med((r) => (r.peak.rss - r.idle.rss) / MB);
  const heap = med((r) => (r.peak.heapUsed - r.idle.heapUsed) / MB);
  const idleRss = med((r) => r.idle.rss / MB);
  const seconds = med((r) => r.sendMs / 1000);
  const kept = med((r) => r.saved.textChars / CHARS_PER_MB);
  const statuses = [
    ...new Set(results.map((r) => `${r.saved.status}/${r.saved.errorKind ?? '-'}`)),
  ];
  const fileMb = med((r) => r.saved.fileBytes / MB);
  return [
    {
      bench: 'answerCap',
      metric: `extension host RSS added while a server streams an answer without end (peak − idle), cap ${DEFAULT_MAX_ANSWER_MB} MB`,
      value: rss,
      unit: 'MB',
      baseline: { label: 'idle extension host RSS', value: idleRss },
      ratio: rss / idleRss,
      budget: { limit: DEFAULT_MAX_ANSWER_MB + HEADROOM_MB, kind: 'max', on: 'value' },
      runs: results.length,
      note: `raw-text KamiMind stream as fast as the socket takes it (the server would stop only after ${SERVER_STOPS_AFTER_MB} MB); cut after ${seconds.toFixed(1)} s; JS heap +${heap.toFixed(1)} MB; sampled every 10 ms`,
    },
    {
      bench: 'answerCap',
      metric: 'answer kept in the conversation file when cut',
      value: kept,
      unit: 'MB',
      baseline: { label: 'the cap', value: DEFAULT_MAX_ANSWER_MB },
      ratio: kept / DEFAULT_MAX_ANSWER_MB,
      runs: results.length,
      note: `saved as ${statuses.join(', ')} (status/error kind), never complete; file ${fileMb.toFixed(2)} MB; MB of answer = 1,048,576 characters`,
    },
  ];
}

/** The figures mean something only if every run really cut the answer and saved it. */
function check(results: AnswerCapResult[]): void {
  for (const r of results) {
    const cap = DEFAULT_MAX_ANSWER_MB * CHARS_PER_MB;
    if (r.saved.status !== 'error' || r.saved.errorKind !== 'tooLarge' || r.saved.textChars !== cap)
      throw new Error(`the answer was not cut at the cap: ${JSON.stringify(r.saved)}`);
  }
}

export const run: Benchmark = async ({ quick }) => {
  const runs = quick ? 1 : 3;
  const shipped = await shippedExtension();
  const dir = scratch('twin-chat-bench-answer-cap-');
  const sample = path.join(dir, 'sample.ts');
  fs.writeFileSync(sample, 'export const answer = 42;\n');
  const sim = await startSimulator({
    port: 0,
    tokenDelayMs: 0,
    config: {
      kmStreamStyle: 'raw',
      fault: { kind: 'endlessStream', stopAfterMB: SERVER_STOPS_AFTER_MB },
    },
  });
  try {
    const results: AnswerCapResult[] = [];
    for (let i = 0; i < runs; i++) {
      results.push(
        await runInVsCode<AnswerCapResult>({
          extensionPath: shipped.dir,
          entry: 'answerCap',
          entryInsideExtension: true,
          timeoutMs: 300_000,
          workspace: dir,
          env: {
            TWIN_CHAT_BENCH_TE_URL: sim.twinExpertBaseUrl,
            TWIN_CHAT_BENCH_KM_URL: sim.kamiMindBaseUrl,
            TWIN_CHAT_BENCH_SAMPLE: sample,
            TWIN_CHAT_BENCH_IDLE_MS: String(IDLE_MS),
          },
        }),
      );
    }
    check(results);
    return rows(results);
  } finally {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

runStandalone('answerCap', run);
