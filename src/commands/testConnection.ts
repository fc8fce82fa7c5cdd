import * as vscode from 'vscode';
import type { Credentials } from '../config/credentials';
import type { ProviderFactory } from '../config/providerFactory';
import { Commands } from '../constants';
import type { QuotaBook } from '../providers/quota/quotaBook';
import { quotaLine } from '../quota/quotaText';
import { PROVIDER_IDS, describeProvider, type ProviderId } from '../shared/providers';
import { logLine, toast, type ConnectionToast, type ProviderCheck } from './connectionReport';

const t = vscode.l10n.t;

/**
 * Checks every configured provider with one cheap authenticated call and reports, per provider,
 * whether the key was accepted, rejected, rate-limited or unreachable.
 */
export async function testConnection(
  credentials: Credentials,
  providers: ProviderFactory,
  log: vscode.LogOutputChannel,
  /** Told of each provider whose credentials were accepted (the status bar drops its warning). */
  verified: (kind: ProviderId) => void = () => undefined,
): Promise<void> {
  const presence = await credentials.presence();
  const kinds = PROVIDER_IDS.filter((kind) => presence[kind]);
  if (kinds.length === 0) {
    void vscode.window.showWarningMessage(
      t(
        'No credentials yet. Run "Twin Chat: Set TwinExpert API Key" or "Twin Chat: Add KamiMind Bot" first.',
      ),
    );
    return;
  }
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Twin Chat: testing connections…') },
    () =>
      Promise.all(
        kinds.map(async (kind) => ({ kind, check: await providers.get(kind).checkConnection() })),
      ),
  );
  const quota = results.map((result) => quotaOf(result, providers.quota));
  for (const [k, result] of results.entries())
    log.info([logLine(result), quota[k]].filter(Boolean).join(' '));
  for (const { kind, check } of results) if (check.ok) verified(kind);
  const report = toast(results);
  // The verdict first and short (a toast cuts long text); the quota, when known, after it.
  void showToast({ ...report, message: [report.message, ...quota].filter(Boolean).join(' ') });
}

/** The check's own response carried the rate-limit headers, so this is the quota as of now. */
function quotaOf({ kind }: ProviderCheck, book: QuotaBook): string {
  const name = describeProvider(kind).label;
  const reading = book.latestFor(name);
  return reading ? quotaLine(name, reading.quota) : '';
}

async function showToast({ ok, message, fixes }: ConnectionToast): Promise<void> {
  if (ok) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const showLogs = t('Show Logs');
  const buttons = [...fixes.map((f) => f.label), showLogs];
  const pressed = await vscode.window.showWarningMessage(message, ...buttons);
  const command =
    pressed === showLogs ? Commands.showLogs : fixes.find((f) => f.label === pressed)?.command;
  if (command) await vscode.commands.executeCommand(command);
}
