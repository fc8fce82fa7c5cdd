import type * as vscode from 'vscode';
import type { ChatSurfaceSnapshot } from './chat/surfaceSnapshot';
import { TwinChat } from './twinChat';

/** What other extensions (and the integration tests) can observe of a running Twin Chat. */
export interface TwinChatApi {
  /** Resolves once the chat view's webview has loaded and completed the ready handshake. */
  whenChatViewReady(): Promise<void>;
  /**
   * Handles `raw` exactly as a message from the chat page (validated, then acted on), for the
   * integration tests: they cannot drop or paste into a real webview. It grants nothing a page
   * could not already ask for.
   */
  receiveFromView(raw: unknown): Promise<void>;
  /** Every chat surface (the sidebar and each editor tab), in the order they were opened. */
  chatSurfaces(): ChatSurfaceSnapshot[];
  /** How long `activate` took, from its first line to its return, in ms (`npm run bench`). */
  readonly activationMs: number;
}

/** VS Code calls `deactivate` without arguments, so the running extension is kept here for it. */
let running: TwinChat | undefined;

// Activation only wires objects together (src/twinChat.ts): no secrets are read, no file beyond
// the manifest is opened, the network client's bundle is not even loaded
// (src/config/clientLoader.ts), and nothing touches the network until the view or a command needs it.
export function activate(context: vscode.ExtensionContext): TwinChatApi {
  const started = performance.now();
  const twinChat = new TwinChat(context);
  context.subscriptions.push(twinChat);
  running = twinChat;
  const activationMs = performance.now() - started;
  twinChat.log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return {
    whenChatViewReady: () => twinChat.whenChatViewReady(),
    receiveFromView: (raw) => twinChat.receiveFromView(raw),
    chatSurfaces: () => twinChat.surfaces(),
    activationMs,
  };
}

/** Awaited by VS Code: the answer streaming at shutdown is on disk, as interrupted, before it exits. */
export async function deactivate(): Promise<void> {
  await running?.shutdown();
  running = undefined;
}
