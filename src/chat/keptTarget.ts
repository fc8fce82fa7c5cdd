import type { TargetView } from '../shared/protocol';

/**
 * The selected target even when the latest list lacks it (its key was rejected, listing failed,
 * the twin was removed): the last name Twin Chat knew, marked unavailable. Without it a
 * conversation reopened from history would show a blank picker and hide who it was with.
 */
export function keepSelected(
  listed: TargetView[],
  selectedKey: string | undefined,
  known: ReadonlyMap<string, TargetView>,
): TargetView[] {
  if (selectedKey === undefined || listed.some((t) => t.key === selectedKey)) return listed;
  const last = known.get(selectedKey);
  return last ? [...listed, { ...last, unavailable: true }] : listed;
}
