// The messages exchanged between the extension host and the chat webview. Imported by both bundles,
// so it must stay free of `vscode` and DOM types. Every inbound message is untrusted until
// `parseWebviewMessage` has accepted it.

/** Bumped whenever a message changes shape; the webview sends it in its ready handshake. */
export const PROTOCOL_VERSION = 1;

/** Messages the webview sends to the host. */
export type WebviewToHost =
  { type: 'webview/ready'; protocolVersion: number } | { type: 'command/showLogs' };

/** What the webview needs to draw itself from scratch. */
export interface ViewState {
  locale: string;
  strings: Record<string, string>;
}

/** Messages the host sends to the webview. */
export type HostToWebview = { type: 'state/init'; protocolVersion: number; state: ViewState };

export function assertNever(value: never): never {
  throw new Error(`Unexpected message: ${JSON.stringify(value)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the message if it is well-formed, otherwise undefined (the caller logs and drops it). */
export function parseWebviewMessage(raw: unknown): WebviewToHost | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'webview/ready':
      return typeof raw.protocolVersion === 'number'
        ? { type: 'webview/ready', protocolVersion: raw.protocolVersion }
        : undefined;
    case 'command/showLogs':
      return { type: 'command/showLogs' };
    default:
      return undefined;
  }
}
