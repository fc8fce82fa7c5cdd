// The concurrent-streams benchmark's rows (issues #17 and #24): four editor tabs streaming at once
// next to one tab streaming alone, alternated in rounds of the same VS Code, and the cost of
// opening the tenth tab next to the first. A p99 is taken per round and the median over rounds
// given, so one whole-machine stall decides one round's figure, not the row.
import { percentile, type Run } from '../latency/analyse';
import { median, type BenchRow } from '../lib/result';
import { versusBaseline } from '../lib/rows';

export interface Measured {
  markers: number;
  tokenDelayMs: number;
  /** Per round: the one tab streaming alone. */
  one: Run[];
  /** Per round: the four tabs' runs, streaming at the same time. */
  four: Run[][];
  /** Per round: four bare-pipeline tabs streaming at the same time, the floor of `four`. */
  bare: Run[][];
  /** Per round: ms from the command to each tab's composer, tab 1 first. */
  opening: number[][];
  load: { start: number; end: number };
}

const fmt = (v: number): string => v.toFixed(1);
const BENCH = 'concurrent';

/** Added latency at percentile `q` of a round's runs pooled: DOM less the raw socket reader. */
function added(runs: Run[], q: number): number {
  const pooled = (key: 'dom' | 'raw') => runs.flatMap((r) => r[key]);
  return percentile(pooled('dom'), q) - percentile(pooled('raw'), q);
}

function latencyRow(m: Measured, q: 50 | 99): BenchRow {
  const name = q === 50 ? 'median' : 'p99';
  const four = m.four.map((round) => added(round, q));
  const one = m.one.map((run) => added([run], q));
  const perTab = [0, 1, 2, 3].map((k) =>
    fmt(median(m.four.map((round) => added(round[k] ? [round[k]] : [], q)))),
  );
  const issueBudget = q === 50 ? 16 : 50;
  return versusBaseline(
    {
      bench: BENCH,
      metric: `added latency per stream, ${name}: four editor tabs streaming at once / one tab alone (socket -> tab's DOM, less a raw socket reader; per round, median over rounds)`,
      unit: 'ms',
      value: median(four),
      runs: m.four.length,
      note: `${m.four.length} alternating rounds of ${m.markers} deltas per stream, paced ${m.tokenDelayMs} ms apart; per round, four tabs ${four.map(fmt).join(', ')} ms, one tab ${one.map(fmt).join(', ')} ms; each tab of the four alone (median over rounds) ${perTab.join(', ')} ms; issue #17's absolute figure is ${issueBudget} ms, information only on this shared machine at load average ${fmt(m.load.start)}..${fmt(m.load.end)}`,
    },
    { label: 'one tab streaming alone, same run', value: median(one) },
  );
}

/** Four Twin Chat tabs against four bare-pipeline tabs: the budgets of the latency rows. */
function floorRow(m: Measured, q: 50 | 99, limit: number): BenchRow {
  const name = q === 50 ? 'median' : 'p99';
  const four = m.four.map((round) => added(round, q));
  const bare = m.bare.map((round) => added(round, q));
  const perRound = four.map((v, k) => (v / (bare[k] ?? NaN)).toFixed(2));
  return {
    ...versusBaseline(
      {
        bench: BENCH,
        metric: `added latency per stream, ${name}: four Twin Chat tabs / four bare-pipeline tabs, streaming at once (per round, median over rounds)`,
        unit: 'ms',
        value: median(four),
        runs: m.four.length,
        note: `ratio per round: ${perRound.join(', ')}; four bare tabs per round ${bare.map(fmt).join(', ')} ms; the bare pipeline is the latency bench's (bench/latency/barePipeline.ts) in editor tabs, in the row below Twin Chat's, alternated with it`,
      },
      { label: 'four bare-pipeline tabs, same run', value: median(bare) },
    ),
    budget: { limit, kind: 'max', on: 'ratio' },
  };
}

type Stage = 'toPosted' | 'coalescer' | 'relay' | 'render';
const STAGES: Record<Stage, string> = {
  toPosted: 'stages 1-2, socket -> the workbench posts it to the tab (host and workbench)',
  coalescer: "of which waiting in the host's coalescer for the later deltas of its message",
  relay: "stage 3, the workbench's post -> the tab's message event",
  render: "stage 4, the tab's message event -> its DOM",
};

/**
 * Where the four tabs' tail goes, against the four bare tabs': p99 per stage (median in the note).
 * With four streams the websocket frames carry the same markers for every tab, so stages 1 and 2
 * are one figure here; bench/latency.ts splits them for one stream. Information, no budget.
 */
function stageRow(m: Measured, key: Stage): BenchRow {
  const at = (round: Run[], q: number) =>
    percentile(
      round.flatMap((r) => r[key]),
      q,
    );
  const four = m.four.map((round) => at(round, 99));
  const bare = m.bare.map((round) => at(round, 99));
  const medians = (rounds: Run[][]) => fmt(median(rounds.map((round) => at(round, 50))));
  return versusBaseline(
    {
      bench: BENCH,
      metric: `${STAGES[key]}, p99: four Twin Chat tabs / four bare-pipeline tabs (per round, median over rounds)`,
      unit: 'ms',
      value: median(four),
      runs: m.four.length,
      note: `per round, four Twin Chat tabs ${four.map(fmt).join(', ')} ms; four bare tabs ${bare.map(fmt).join(', ')} ms; medians ${medians(m.four)} / ${medians(m.bare)} ms`,
    },
    { label: 'four bare-pipeline tabs, same run', value: median(bare) },
  );
}

function lostRow(m: Measured): BenchRow {
  const all = [...m.one, ...m.four.flat(), ...m.bare.flat()];
  const lost = (runs: Run[]) => runs.reduce((s, r) => s + r.markers - r.seen, 0);
  const rates = m.four.flat().map((r) => r.rate);
  // How far apart the four streams' first deltas left the simulator: they overlapped for all but this.
  const spread = m.four.map((round) => {
    const starts = round.map((r) => Math.min(...r.deltas.map((d) => d.written)));
    return Math.max(...starts) - Math.min(...starts);
  });
  return {
    bench: BENCH,
    metric: "deltas lost (sent by the simulator, never in a tab's DOM), all streams",
    unit: 'count',
    value: lost(all),
    runs: all.length,
    budget: { limit: 0, kind: 'max', on: 'value' },
    note: `of ${all.reduce((s, r) => s + r.markers, 0)} sent: four tabs ${lost(m.four.flat())}, one tab ${lost(m.one)}, four bare tabs ${lost(m.bare.flat())}; the four streams' first deltas left within ${fmt(median(spread))} ms of one another (median over rounds, of a ${fmt(m.markers * m.tokenDelayMs)} ms stream); delta rate while four streamed, median ${fmt(median(rates))} deltas/s per stream (target ${fmt(1000 / m.tokenDelayMs)}); clock offset uncertainty at most ${fmt(Math.max(...all.map((r) => r.clocks.chat.uncertainty)))} ms`,
  };
}

/**
 * "Opening the tenth tab costs no more than opening the first" (issue #17), as a ratio within the
 * same margin as the stream medians' (1.25x): in a quiet run the positions 1..10 spread by about
 * a fifth around their mean with no trend, so equal cost is not measured closer than that.
 */
const OPENING_BUDGET = 1.25;

function openingRow(m: Measured): BenchRow {
  const last = m.opening[0]?.length ?? 0;
  const at = (k: number) => median(m.opening.map((round) => round[k] ?? NaN));
  const positions = Array.from({ length: last }, (_, k) => fmt(at(k)));
  return versusBaseline(
    {
      bench: BENCH,
      metric: `opening editor tab ${last} (earlier ones still open) / tab 1: "New Chat in Editor" -> the tab's composer shown`,
      unit: 'ms',
      value: at(last - 1),
      runs: m.opening.length,
      note: `median over ${m.opening.length} rounds (all tabs closed between rounds) for tabs 1..${last}: ${positions.join(', ')} ms; measured from pressing Enter on the command in the palette`,
      budget: { limit: OPENING_BUDGET, kind: 'max', on: 'ratio' },
    },
    { label: 'tab 1, same run', value: at(0) },
  );
}

export function rows(m: Measured): BenchRow[] {
  return [
    latencyRow(m, 50),
    latencyRow(m, 99),
    floorRow(m, 50, 1.25),
    floorRow(m, 99, 1.5),
    ...(Object.keys(STAGES) as Stage[]).map((key) => stageRow(m, key)),
    lostRow(m),
    openingRow(m),
  ];
}
