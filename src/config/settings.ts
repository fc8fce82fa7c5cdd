import * as vscode from 'vscode';
import { DEFAULT_MAX_ANSWER_MB } from '../chat/answerLimit';
import { Settings } from '../constants';
import type { HttpOptions } from '../providers/http/types';

function section(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(Settings.section);
}

/**
 * Base URLs decide where credentials are sent, so only the user's own settings count: a value
 * from a workspace (even a trusted one) is ignored. The manifest also scopes them `application`.
 */
function userOnly(key: string): string | undefined {
  const inspected = section().inspect<string>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

export function twinExpertBaseUrl(): string {
  return userOnly(Settings.twinExpertBaseUrl) ?? 'https://api.twinexpert.com/api/v1';
}

export function kamiMindBaseUrl(): string {
  return userOnly(Settings.kamiMindBaseUrl) ?? 'https://api.dev.kamimind.ai';
}

export function streamingEnabled(): boolean {
  return section().get<boolean>(Settings.streaming, true);
}

/**
 * The answer cap protects the user's editor from a server that streams without end, so like the
 * base URLs only the user's own value counts: a workspace cannot raise it.
 */
export function maxAnswerSizeMB(): number {
  const inspected = section().inspect<number>(Settings.maxAnswerSizeMB);
  return inspected?.globalValue ?? inspected?.defaultValue ?? DEFAULT_MAX_ANSWER_MB;
}

const DEFAULT_ATTACHMENT_MB = 20;
/** The manifest's range: VS Code only warns about a value outside it in settings.json. */
const MAX_ATTACHMENT_MB = 500;

/**
 * A value settings.json holds that is not a positive number (null, text) falls back to the
 * default: as NaN it turned the limit off (no size compares greater), as null it refused every file.
 */
export function attachmentMaxBytes(): number {
  const value: unknown = section().get(Settings.attachmentMaxSizeMB, DEFAULT_ATTACHMENT_MB);
  const megabytes =
    typeof value === 'number' && Number.isFinite(value) && value > 0
      ? Math.min(value, MAX_ATTACHMENT_MB)
      : DEFAULT_ATTACHMENT_MB;
  return megabytes * 1024 * 1024;
}

/**
 * A time-out in milliseconds; like the attachment limit, anything but a positive number is the
 * default, and a value past the manifest's range (which VS Code only warns about) is its maximum.
 */
function seconds(key: string, fallback: number, max: number): number {
  const value: unknown = section().get(key, fallback);
  const valid = typeof value === 'number' && Number.isFinite(value) && value > 0;
  return (valid ? Math.min(max, Math.max(1, value)) : fallback) * 1000;
}

/** VS Code's own proxy settings, so Twin Chat works wherever the rest of the editor does. */
function proxy(): HttpOptions['proxy'] {
  const http = vscode.workspace.getConfiguration('http');
  const url = http.get<string>('proxy') || undefined;
  return {
    ...(url && { url }),
    strictSSL: http.get<boolean>('proxyStrictSSL', true),
    noProxy: http.get<string[]>('noProxy', []),
  };
}

export function httpOptions(): Omit<HttpOptions, 'onRequestLog'> {
  return {
    connectTimeoutMs: seconds(Settings.connectTimeoutSeconds, 10, 300),
    firstByteTimeoutMs: seconds(Settings.firstByteTimeoutSeconds, 60, 600),
    idleTimeoutMs: seconds(Settings.idleTimeoutSeconds, 60, 600),
    proxy: proxy(),
    userAgent: `twin-chat-vscode (VS Code ${vscode.version})`,
  };
}

/** Settings whose change means the network clients must be rebuilt. */
export function affectsProviders(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(Settings.section) || event.affectsConfiguration('http');
}

/** Settings that decide where credentials go: a list or a warning got elsewhere no longer holds. */
export function affectsBaseUrls(event: vscode.ConfigurationChangeEvent): boolean {
  return [Settings.twinExpertBaseUrl, Settings.kamiMindBaseUrl].some((key) =>
    event.affectsConfiguration(`${Settings.section}.${key}`),
  );
}
