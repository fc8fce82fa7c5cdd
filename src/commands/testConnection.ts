import * as vscode from 'vscode';
import type { Credentials } from '../config/credentials';
import type { ProviderFactory } from '../config/providerFactory';
import type { QuotaBook } from '../providers/quota/quotaBook';
import type { ConnectionCheck } from '../providers/types';
import { quotaLine } from '../quota/quotaText';
import { PROVIDER_IDS, describeProvider, type ProviderId } from '../shared/providers';

const t = vscode.l10n.t;

function describe(kind: ProviderId, check: ConnectionCheck, quota: QuotaBook): string {
  const id = check.requestId ? ` (request id ${check.requestId})` : '';
  const name = describeProvider(kind).label;
  // The check's own response carried the headers, so this is the quota as of now.
  const reading = quota.latestFor(name);
  const left = reading ? ` ${quotaLine(name, reading.quota)}` : '';
  if (check.ok) return t('{0}: credentials accepted{1}.', name, id) + left;
  return `${name}: ${check.error?.userMessage ?? check.detail}${id}${left}`;
}

/**
 * Checks every configured provider with one cheap authenticated call and reports, per provider,
 * whether the key was accepted, rejected, rate-limited or unreachable.
 */
export async function testConnection(
  credentials: Credentials,
  providers: ProviderFactory,
  log: vscode.LogOutputChannel,
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
  const lines = results.map(({ kind, check }) => describe(kind, check, providers.quota));
  for (const line of lines) log.info(`Test Connection: ${line}`);
  const allOk = results.every(({ check }) => check.ok);
  const show = allOk ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(lines.join(' '));
}
