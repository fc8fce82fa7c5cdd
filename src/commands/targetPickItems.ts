import type * as vscode from 'vscode';
import type { TargetsView } from '../shared/protocol';
import { describeProvider } from '../shared/providers';

export type TargetPickItem = vscode.QuickPickItem & { key: string };

/** Words the items need, translated by the caller (this file stays free of the vscode runtime). */
export interface TargetPickWords {
  /** e.g. "{0} · current": the provider name with a mark for the target chatted with now. */
  current(provider: string): string;
  unavailable(provider: string): string;
}

/**
 * The "Select Twin or Bot" items, and the one to start on: the current target, marked, so the
 * user sees who they talk to now (a single-choice quick pick ignores `picked`).
 */
export function targetPickItems(
  view: TargetsView,
  words: TargetPickWords,
): { items: TargetPickItem[]; active?: TargetPickItem } {
  const items = view.targets.map((target): TargetPickItem => {
    const provider = describeProvider(target.provider).label;
    const isCurrent = target.key === view.selectedKey;
    const mark = target.unavailable ? words.unavailable(provider) : provider;
    return {
      key: target.key,
      label: target.label,
      description: isCurrent ? words.current(mark) : mark,
      detail: target.description,
    };
  });
  return { items, active: items.find((item) => item.key === view.selectedKey) };
}
