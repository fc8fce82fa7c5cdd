import type { TargetView, TargetsView } from '../shared/protocol';
import type { Conversation, StoredTarget } from './model';
import type { SessionMemory } from './sessionMemory';
import { parseTargetKey, type Targets } from './targets';

/**
 * One session's choice of twin or bot among the shared target list. The sidebar's choice is the
 * workspace's (sessionMemory.ts), which @twin's /use sets too. An editor tab has its own choice:
 * one that never chose starts from the workspace's and takes it as its own the first time it
 * shows or uses it. Otherwise the sidebar choosing another twin, or opening a bot's conversation,
 * would move where the tab's next message goes while its picker still showed the old one (the
 * sidebar alone is told); a tab's picker and its next message must never disagree.
 */
export class SessionTarget {
  constructor(
    private readonly memory: SessionMemory,
    private readonly targets: Targets,
  ) {}

  key(): string | undefined {
    return this.memory.read().targetKey ?? this.adoptWorkspaceChoice();
  }

  /**
   * Every reader of this session's target shows or uses it, so the key returned here is the one
   * it keeps. Not awaited: the record takes the key at once (VS Code's Memento holds a value
   * before it is persisted) and a reader must not wait. For the sidebar this never writes: its
   * record is the workspace's choice, so it has one whenever the workspace has one.
   */
  private adoptWorkspaceChoice(): string | undefined {
    const key = this.targets.selectedKey();
    if (key !== undefined) void this.memory.write({ targetKey: key });
    return key;
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
