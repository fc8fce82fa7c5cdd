// How /use names a twin or bot. Labels are not unique: a KamiMind bot's label is whatever the
// user typed when adding it, so it can repeat a twin's name or another bot's. /twins follow-ups
// send `/use <name>` as plain prompt text (the API carries nothing else), so a name shared by
// several targets is qualified with the product, `Ada (KamiMind)`, or when even that repeats with
// the target's key, `Ada (kamimind:support-bot)`. findTarget reads all three forms back.

import type { TargetView } from '../shared/protocol';
import { describeProvider } from '../shared/providers';

export type TargetLookup =
  | { kind: 'found'; target: TargetView }
  | { kind: 'ambiguous'; candidates: TargetView[] }
  | { kind: 'none' };

/** `Label (qualifier)`: the qualified form useName writes. */
const QUALIFIED = /^(.*\S)\s*\(([^()]+)\)$/;

function same(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();
}

function product(target: TargetView): string {
  return describeProvider(target.provider).label;
}

/** The name that selects exactly `target` among `targets`: its label, qualified when shared. */
export function useName(target: TargetView, targets: readonly TargetView[]): string {
  const namesakes = targets.filter((other) => same(other.label, target.label));
  if (namesakes.length <= 1) return target.label;
  const sameProduct = namesakes.filter((other) => other.provider === target.provider);
  const qualifier = sameProduct.length === 1 ? product(target) : target.key;
  return `${target.label} (${qualifier})`;
}

function lookup(matches: TargetView[]): TargetLookup | undefined {
  if (matches.length === 0) return undefined;
  const [only] = matches;
  return only && matches.length === 1
    ? { kind: 'found', target: only }
    : { kind: 'ambiguous', candidates: matches };
}

function qualifiedMatches(targets: readonly TargetView[], name: string): TargetView[] {
  const [, label = '', qualifier = ''] = QUALIFIED.exec(name) ?? [];
  if (!label) return [];
  return targets.filter(
    (target) =>
      same(target.label, label) &&
      (same(product(target), qualifier) || same(target.key, qualifier)),
  );
}

/**
 * The target a /use names: its exact label (any case), else its qualified name (useName), else
 * the labels containing it. Several matches are ambiguous: the user is asked to choose, never
 * given the first one (which could make a twin's namesake impossible to select).
 */
export function findTarget(targets: readonly TargetView[], name: string): TargetLookup {
  const wanted = name.trim().toLocaleLowerCase();
  if (!wanted) return { kind: 'none' };
  return (
    lookup(targets.filter((target) => same(target.label, wanted))) ??
    lookup(qualifiedMatches(targets, wanted)) ??
    lookup(targets.filter((target) => target.label.toLocaleLowerCase().includes(wanted))) ?? {
      kind: 'none',
    }
  );
}
