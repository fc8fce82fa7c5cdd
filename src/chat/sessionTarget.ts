import type { TargetView, TargetsView } from '../shared/protocol';
import type { Conversation, StoredTarget } from './model';
import type { SessionMemory } from './sessionMemory';
import { parseTargetKey, type Targets } from './targets';

/**
 * One session's choice of twin or bot among the shared target list. A session that never chose
 * follows the workspace's choice (the sidebar's), which is what new tabs start from.
 */
export class SessionTarget {
  constructor(
    private readonly memory: SessionMemory,
    private readonly targets: Targets,
  ) {}

  key(): string | undefined {
    return this.memory.read().targetKey ?? this.targets.selectedKey();
  }

  selected(): TargetView | undefined {
    const key = this.key();
    return this.view().targets.find((t) => t.key === key);
  }

  view(): TargetsView {
    return this.targets.viewFor(this.key());
  }

  /** An opened conversation's target becomes this session's choice, kept by name if unlisted. */
  async follow(target: StoredTarget | undefined): Promise<void> {
    if (target) await this.memory.write({ targetKey: this.targets.remember(target) });
  }

  /** The twin or bot the next message in `conversation` goes to: its own, else the choice. */
  resolve(conversation: Conversation): StoredTarget | undefined {
    if (conversation.target) return conversation.target;
    const selected = this.selected();
    const parsed = selected && parseTargetKey(selected.key);
    return parsed && selected ? { ...parsed, label: selected.label } : undefined;
  }

  /** Chooses by key or by name; the chosen key, or undefined when it names no target. */
  async choose(keyOrLabel: string): Promise<string | undefined> {
    const byLabel = this.view().targets.find((t) => t.label === keyOrLabel);
    const key = byLabel?.key ?? keyOrLabel;
    if (!parseTargetKey(key)) return undefined;
    await this.memory.write({ targetKey: key });
    return key;
  }
}
