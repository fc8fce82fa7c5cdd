import type { HostToWebview, WebviewToHost } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Typed wrapper over the webview's only channel to the host. */
export class HostBridge {
  private readonly api: VsCodeApi = acquireVsCodeApi();

  post(message: WebviewToHost): void {
    this.api.postMessage(message);
  }

  onMessage(listener: (message: HostToWebview) => void): void {
    // Only the host can post into this frame, so its messages are trusted to match the protocol.
    window.addEventListener('message', (event: MessageEvent<HostToWebview>) =>
      listener(event.data),
    );
  }
}
