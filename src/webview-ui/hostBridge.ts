import type { HostToWebview, WebviewToHost } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Typed wrapper over the webview's only channel to the host and its per-view saved state. */
export class HostBridge {
  // acquireVsCodeApi may be called once per page load, so the bridge is created once in main.ts.
  private readonly api: VsCodeApi = acquireVsCodeApi();

  post(message: WebviewToHost): void {
    this.api.postMessage(message);
  }

  onMessage(listener: (message: HostToWebview) => void): void {
    // Only the host can post into this frame, so its messages are trusted to match the protocol;
    // still, anything without a string `type` is ignored rather than crashing the switch.
    window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
      const data: unknown = event.data;
      if (
        typeof data === 'object' &&
        data !== null &&
        typeof (data as { type?: unknown }).type === 'string'
      ) {
        listener(event.data);
      }
    });
  }

  getState(): unknown {
    return this.api.getState();
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }
}
