// The latency benchmark's markers: its answers are "Đoạn 1: ... Đoạn 2: ...", so a piece of text
// says which deltas it carries.
import type { Batch } from './api';

const MARKER = /Đoạn (\d+):/g;

export function markersIn(text: string): number[] {
  return [...text.matchAll(MARKER)].map((m) => Number(m[1]));
}

/** A page clock reading, comparable across frames: ms since the epoch. */
export const pageNow = (): number => performance.timeOrigin + performance.now();

export function batchOf(text: string, at: number): Batch {
  const found = markersIn(text);
  return { at, first: found[0] ?? -1, last: found.at(-1) ?? -1 };
}
