// The history benchmark's rows: opening against a small conversation, scrolling against the
// display's frame rate, heap and DOM against rendering every message eagerly.
import { median, type BenchRow } from '../lib/result';
import { versusBaseline } from '../lib/rows';
import { SCROLL_STEP_PX, type Frames } from './frames';

export const SMALL_CONVERSATION = 20;

export interface Size {
  messages: number;
  runs: number;
  scrollFrames: number;
  wheelNotches: number;
}

export interface Memory {
  heapMB: number;
  nodes: number;
  renderedMessages: number;
}

export interface Run {
  openMs: number;
  openMainThreadMs: number;
  smallOpenMs: number;
  eagerOpenMs: number;
  lazy: Memory;
  eager: Memory;
  scroll: Frames;
  wheel: Frames;
}

export function rows(size: Size, runs: Run[]): BenchRow[] {
  const m = (f: (r: Run) => number): number => median(runs.map(f));
  const n = runs.length;
  const what = `${size.messages} messages`;
  const fps = (f: Frames): number => (f.seconds > 0 ? f.presented / f.seconds : 0);
  const onTime = (f: Frames): number => (100 * f.presented) / Math.max(1, f.presented + f.dropped);
  return [
    versusBaseline(
      {
        bench: 'history',
        metric: `open a conversation of ${what}: posted → first frame painted with it`,
        value: m((r) => r.openMs),
        unit: 'ms',
        budget: { limit: 300, kind: 'max', on: 'value' },
        runs: n,
        note: `main-thread time of the open ${m((r) => r.openMainThreadMs).toFixed(0)} ms; rendering all ${what} eagerly instead: ${m((r) => r.eagerOpenMs).toFixed(0)} ms`,
      },
      { label: `open ${SMALL_CONVERSATION} messages`, value: m((r) => r.smallOpenMs) },
    ),
    {
      bench: 'history',
      metric: `scroll up through ${what} (${SCROLL_STEP_PX} px per frame, older pages load on the way): frame rate`,
      value: m((r) => fps(r.scroll)),
      unit: 'fps',
      budget: { limit: 60 * 0.95, kind: 'min', on: 'value' },
      runs: n,
      note: `presented frames per second in Chromium's frame reporting; ${m((r) => onTime(r.scroll)).toFixed(1)}% of frames with an update met vsync; longest frame ${m((r) => r.scroll.longestMs).toFixed(0)} ms; budget 60 fps less 5% for timer jitter`,
    },
    {
      bench: 'history',
      metric: `dropped frames while scrolling ${what} (${size.scrollFrames} frames of ${SCROLL_STEP_PX} px, then ${size.wheelNotches} wheel notches)`,
      value: m((r) => r.scroll.dropped + r.wheel.dropped),
      unit: 'count',
      budget: { limit: 0, kind: 'max', on: 'value' },
      runs: n,
      note: `frames that had an update but missed vsync (PipelineReporter, per frame sequence): ${m((r) => r.scroll.dropped)} while flinging, ${m((r) => r.wheel.dropped)} with the wheel`,
    },
    versusBaseline(
      {
        bench: 'history',
        metric: `JS heap after opening ${what} (after GC)`,
        value: m((r) => r.lazy.heapMB),
        unit: 'MB',
        runs: n,
        note: `CDP Performance.getMetrics JSHeapUsedSize; ${m((r) => r.lazy.renderedMessages)} of ${size.messages} messages in the DOM`,
      },
      { label: 'all rendered eagerly', value: m((r) => r.eager.heapMB) },
    ),
    versusBaseline(
      {
        bench: 'history',
        metric: `DOM nodes after opening ${what}`,
        value: m((r) => r.lazy.nodes),
        unit: 'count',
        runs: n,
      },
      { label: 'all rendered eagerly', value: m((r) => r.eager.nodes) },
    ),
  ];
}
