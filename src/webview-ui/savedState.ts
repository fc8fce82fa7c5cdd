import type { HostBridge } from './hostBridge';

/**
 * What the webview keeps in `vscode.setState`: it survives the view being hidden and re-created,
 * and it is written synchronously on every keystroke, so a typed draft is never older than the
 * host's copy. An empty one is dropped once the host knows (`DraftKeeper`): the host may set a
 * newer draft while there is no page to tell.
 */
export interface SavedState {
  draft?: string;
  lastSent?: string;
  /** An editor tab's id: VS Code hands this state back to the host when it restores the tab. */
  surfaceId?: string;
}

export class SavedStateStore {
  private value: SavedState;

  constructor(private readonly bridge: HostBridge) {
    this.value = readSaved(bridge.getState());
  }

  get(): SavedState {
    return this.value;
  }

  update(patch: SavedState): void {
    this.value = { ...this.value, ...patch };
    this.bridge.setState(this.value);
  }
}

function readSaved(raw: unknown): SavedState {
  if (typeof raw !== 'object' || raw === null) return {};
  const { draft, lastSent, surfaceId } = raw as Record<string, unknown>;
  return {
    ...(typeof draft === 'string' ? { draft } : {}),
    ...(typeof lastSent === 'string' ? { lastSent } : {}),
    ...(typeof surfaceId === 'string' ? { surfaceId } : {}),
  };
}
