// The render benchmark's rows: each stream's main-thread time against rendering the final text
// once in the same run, the naive re-render's extrapolated cost, and the checks that the stream
// ended with the same DOM.
import { median, type BenchRow } from '../lib/result';
import type { MainThread } from '../lib/chromePage';
import { versusBaseline } from '../lib/rows';
import { STREAM_GIVE_UP_MS } from '../page/shared/api';
import type { NaiveEstimate, Streamed } from './runs';
import {
  FRAME_MS,
  MESSAGES_PER_FRAME,
  SUSTAINED_DELTAS_PER_MESSAGE,
  type Schedules,
} from './schedule';

export interface Size {
  bytes: number;
  deltas: number;
  runs: number;
  naiveRepeats: number;
}

export interface Runs {
  once: MainThread[];
  onceAndScroll: MainThread[];
  /** As fast as the simulator sends, grouped and timed as the extension posted it. */
  fast: Streamed[];
  sustained: Streamed[];
  perDelta: Streamed[];
  fastFloor: MainThread[];
  sustainedFloor: MainThread[];
}

const task = (values: MainThread[]): number => median(values.map((v) => v.taskMs));
const cpu = (values: MainThread[]): number => median(values.map((v) => v.cpuMs));

/** A row against rendering the final text once, the render bench's baseline. */
function versusOnce(runs: Runs, row: Omit<BenchRow, 'baseline' | 'ratio'>): BenchRow {
  return versusBaseline(row, { label: 'render the final text once', value: task(runs.once) });
}

function streamRow(
  metric: string,
  streamed: Streamed[],
  runs: Runs,
  extra: Pick<BenchRow, 'budget' | 'note'>,
): BenchRow {
  const cpuRatio = cpu(streamed.map((s) => s.time)) / cpu(runs.once);
  return versusOnce(runs, {
    bench: 'render',
    metric,
    value: task(streamed.map((s) => s.time)),
    unit: 'ms',
    runs: streamed.length,
    ...extra,
    note: [extra.note, `CPU time (CDP ThreadTime) ratio ${cpuRatio.toFixed(1)}x`]
      .filter(Boolean)
      .join('; '),
  });
}

export function rows(
  size: Size,
  text: string,
  plan: Schedules,
  runs: Runs,
  naive: NaiveEstimate,
): BenchRow[] {
  const what = `${(text.length / 1000).toFixed(0)} KB answer in ${size.deltas} deltas`;
  const all = [...runs.fast, ...runs.sustained, ...runs.perDelta];
  const mismatches = all.filter((s) => !s.sameAfterDone).length;
  const beforeDone = all.filter((s) => !s.sameBeforeDone).length;
  const fastMs = plan.fast.times.at(-1) ?? 0;
  const fastRate = fastMs > 0 ? (size.deltas / fastMs) * 1000 : Infinity;
  const vsScroll = (streamed: Streamed[]): string =>
    `${(task(streamed.map((s) => s.time)) / task(runs.onceAndScroll)).toFixed(1)}x "render once and scroll through it"`;
  const incomplete = runs.fast.filter((s) => !s.stream.complete).length;
  return [
    streamRow(
      `stream a ${what} as fast as the simulator sends them (simulator → network client → coalescer: ${plan.fast.texts.length} chat/delta in ${fastMs.toFixed(0)} ms): main-thread time`,
      runs.fast,
      runs,
      {
        budget: { limit: 3, kind: 'max', on: 'ratio' },
        note: `replays the messages as the real client and DeltaCoalescer posted them (${fastRate.toFixed(0)} deltas/s); harness floor (posting the same messages, nothing rendered): ${task(runs.fastFloor).toFixed(0)} ms; ${vsScroll(runs.fast)}`,
      },
    ),
    streamRow(
      `stream a ${what}, sustained: one chat/delta of ${SUSTAINED_DELTAS_PER_MESSAGE} deltas per frame for ${((plan.sustained.texts.length * FRAME_MS) / 1000).toFixed(1)} s: main-thread time`,
      runs.sustained,
      runs,
      {
        note: `harder than the issue's case: new text in every frame, and every frame is redrawn (new text is on screen within a frame); harness floor: ${task(runs.sustainedFloor).toFixed(0)} ms; ${vsScroll(runs.sustained)}`,
      },
    ),
    streamRow(
      `stream a ${what}, one chat/delta per delta (${MESSAGES_PER_FRAME} per 16.7 ms): main-thread time`,
      runs.perDelta,
      runs,
      {},
    ),
    versusOnce(runs, {
      bench: 'render',
      metric: `naive full re-render per delta (markdown-it + DOMPurify + layout of the whole text), ${what}`,
      value: naive.totalMs,
      unit: 'ms',
      runs: 1,
      note: `EXTRAPOLATED, not run in full (O(n^2)): timed at ${naive.samples}, summed over every delta; ${(naive.totalMs / task(runs.fast.map((s) => s.time))).toFixed(0)}x the stream as fast as the simulator sends`,
    }),
    versusOnce(runs, {
      bench: 'render',
      metric: `render the final text once and scroll through it (lays out and paints every block, as a stream must)`,
      value: task(runs.onceAndScroll),
      unit: 'ms',
      runs: runs.onceAndScroll.length,
      note: 'a second baseline for the streamed figures: the one-shot render skips off-screen layout and paint (content-visibility)',
    }),
    {
      bench: 'render',
      metric: 'backlog: last delta posted → answer DOM complete (as fast as the simulator sends)',
      value: median(runs.fast.map((s) => s.stream.backlogMs)),
      unit: 'ms',
      runs: runs.fast.length,
      note: `complete = the answer's text has its full length; ${incomplete} of ${runs.fast.length} runs not complete after ${STREAM_GIVE_UP_MS / 1000} s; posting late by at most ${median(runs.fast.map((s) => s.stream.maxLateMs)).toFixed(0)} ms (median of the per-run maxima); sustained stream: ${median(runs.sustained.map((s) => s.stream.backlogMs)).toFixed(0)} ms`,
    },
    {
      bench: 'render',
      metric: 'streamed answers whose final DOM differs from the render-once DOM',
      value: mismatches,
      unit: 'count',
      budget: { limit: 0, kind: 'max', on: 'value' },
      runs: all.length,
      note: `compared after chat/done; before chat/done ${beforeDone} of ${all.length} differed (the answer has no late link references, so it should already match)`,
    },
  ];
}
