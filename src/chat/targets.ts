import type { ChatProvider, ChatTarget } from '../providers/types';
import type { TargetView, TargetsView } from '../shared/protocol';
import { isProviderId, type ProviderId } from '../shared/providers';
import { ProviderError } from '../providers/errors';
import { MAX_DESCRIPTION_CHARS, MAX_LABEL_CHARS, clipText } from '../providers/labels';

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

const SELECTED_TARGET_KEY = 'twinChat.selectedTarget';

export function targetKey(provider: ProviderId, id: string): string {
  return `${provider}:${id}`;
}

export function parseTargetKey(key: string): { provider: ProviderId; id: string } | undefined {
  const at = key.indexOf(':');
  const provider = key.slice(0, at);
  if (at < 1 || !isProviderId(provider)) return undefined;
  return { provider, id: key.slice(at + 1) };
}

function toView(target: ChatTarget): TargetView {
  return {
    key: targetKey(target.provider, target.id),
    provider: target.provider,
    label: clipText(target.label, MAX_LABEL_CHARS),
    ...(target.description !== undefined && {
      description: clipText(target.description, MAX_DESCRIPTION_CHARS),
    }),
  };
}

/**
 * The twins and bots the user can pick, fetched on demand (never at activation), and the choice,
 * remembered per workspace.
 */
export class Targets {
  private view: TargetsView = { targets: [], loading: false };

  constructor(private readonly workspaceState: KeyValueStore) {}

  get current(): TargetsView {
    return { ...this.view, selectedKey: this.selectedKey() };
  }

  selectedKey(): string | undefined {
    return this.workspaceState.get<string>(SELECTED_TARGET_KEY);
  }

  selected(): TargetView | undefined {
    const key = this.selectedKey();
    return this.view.targets.find((t) => t.key === key);
  }

  async select(key: string): Promise<boolean> {
    if (!parseTargetKey(key)) return false;
    await this.workspaceState.update(SELECTED_TARGET_KEY, key);
    return true;
  }

  markLoading(): void {
    this.view = { ...this.view, loading: true };
  }

  /** Lists every provider; one provider failing still shows the others' targets. */
  async refresh(providers: readonly ChatProvider[], signal?: AbortSignal): Promise<TargetsView> {
    const results = await Promise.allSettled(providers.map((p) => p.listTargets(signal)));
    const targets = results.flatMap((r) => (r.status === 'fulfilled' ? r.value.map(toView) : []));
    const failure = results.find((r) => r.status === 'rejected');
    this.view = {
      targets,
      loading: false,
      ...(failure && { error: describe(failure.reason) }),
    };
    if (!this.selectedKey() && targets[0]) await this.select(targets[0].key);
    return this.current;
  }
}

function describe(reason: unknown): string {
  if (reason instanceof ProviderError) return reason.userMessage;
  return reason instanceof Error ? reason.message : String(reason);
}
