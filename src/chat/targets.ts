import type { ChatProvider, ChatTarget, TargetDetails } from '../providers/types';
import type { TargetDetailsView, TargetView, TargetsView } from '../shared/protocol';
import { isProviderId, type ProviderId } from '../shared/providers';
import { ProviderError } from '../providers/errors';
import { MAX_DESCRIPTION_CHARS, MAX_LABEL_CHARS, clipText } from '../providers/labels';
import { toErrorView } from './errorView';
import { keepSelected } from './keptTarget';
import type { StoredTarget } from './model';

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

/** At most a few short fields: the header is one or two lines, not a profile page. */
const MAX_DETAIL_FIELDS = 4;

function detailsView(details: TargetDetails): TargetDetailsView {
  const fields = details.fields.slice(0, MAX_DETAIL_FIELDS).map(({ name, value }) => ({
    name: clipText(name, MAX_LABEL_CHARS),
    value: clipText(value, MAX_LABEL_CHARS),
  }));
  const description = details.description && clipText(details.description, MAX_DESCRIPTION_CHARS);
  return { ...(description ? { description } : {}), fields };
}

function toView(target: ChatTarget): TargetView {
  return {
    key: targetKey(target.provider, target.id),
    provider: target.provider,
    label: clipText(target.label, MAX_LABEL_CHARS),
    ...(target.description !== undefined && {
      description: clipText(target.description, MAX_DESCRIPTION_CHARS),
    }),
    ...(target.details && { details: detailsView(target.details) }),
  };
}

/**
 * The twins and bots the user can pick, fetched on demand (never at activation), and the choice,
 * remembered per workspace.
 */
export class Targets {
  private view: TargetsView = { targets: [], loading: false };
  /** Every target seen in a list or an opened conversation, by key: the names kept when a list fails. */
  private readonly known = new Map<string, TargetView>();
  private listedEmpty = false;

  constructor(private readonly workspaceState: KeyValueStore) {}

  get current(): TargetsView {
    return this.viewFor(this.selectedKey());
  }

  /** The list as a session that chose `selectedKey` sees it: its choice is never missing. */
  viewFor(selectedKey: string | undefined): TargetsView {
    const targets = keepSelected(this.view.targets, selectedKey, this.known);
    return { ...this.view, targets, selectedKey };
  }

  selectedKey(): string | undefined {
    return this.workspaceState.get<string>(SELECTED_TARGET_KEY);
  }

  selected(): TargetView | undefined {
    const { targets, selectedKey } = this.current;
    return targets.find((t) => t.key === selectedKey);
  }

  /** Remembers an opened conversation's target by name, should no list contain it; its key. */
  remember(target: StoredTarget): string {
    const view = toView(target);
    this.known.set(view.key, view);
    return view.key;
  }

  async select(key: string): Promise<boolean> {
    if (!parseTargetKey(key)) return false;
    await this.workspaceState.update(SELECTED_TARGET_KEY, key);
    return true;
  }

  /** The last listing finished, failed for no provider and found no twin or bot at all. */
  listedNone(): boolean {
    return this.listedEmpty;
  }

  markLoading(): void {
    this.view = { ...this.view, loading: true };
  }

  /** Lists every provider; one provider failing still shows the others' targets. */
  async refresh(providers: readonly ChatProvider[], signal?: AbortSignal): Promise<TargetsView> {
    const results = await Promise.allSettled(providers.map((p) => p.listTargets(signal)));
    const targets = results.flatMap((r) => (r.status === 'fulfilled' ? r.value.map(toView) : []));
    for (const target of targets) this.known.set(target.key, target);
    const failed = results.findIndex((r) => r.status === 'rejected');
    const failure = results[failed];
    this.view = {
      targets,
      loading: false,
      ...(failure?.status === 'rejected' && describe(failure.reason, providers[failed]?.id)),
    };
    this.listedEmpty = targets.length === 0 && failed === -1;
    if (!this.selectedKey() && targets[0]) await this.select(targets[0].key);
    return this.current;
  }
}

/** The sentence and the buttons for a listing failure; the picker's Refresh stands for Retry. */
function describe(
  reason: unknown,
  provider: ProviderId | undefined,
): Pick<TargetsView, 'error' | 'errorActions'> {
  if (!(reason instanceof ProviderError))
    return {
      error: reason instanceof Error ? reason.message : String(reason),
      errorActions: ['showLogs'],
    };
  const actions = toErrorView(reason, provider).actions.filter((a) => a !== 'retry');
  return { error: reason.userMessage, errorActions: actions };
}
