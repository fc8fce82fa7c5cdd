import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { ConnectionCheck } from '../providers/types';
import { describeProvider, type ProviderId } from '../shared/providers';

const t = vscode.l10n.t;

export interface ProviderCheck {
  kind: ProviderId;
  check: ConnectionCheck;
}

/** What Test Connection shows: a toast short enough not to be cut, and its buttons. */
export interface ConnectionToast {
  ok: boolean;
  message: string;
  /** Set API Key / Set Token for each provider whose credential was refused. */
  fixes: { label: string; command: string }[];
}

/** For the log: the whole sentence (it names the service itself), the request id and the probe. */
export function logLine({ check }: ProviderCheck): string {
  const id = check.requestId ? ` (request id ${check.requestId})` : '';
  return [`Test Connection: ${check.detail}${id}`, check.probe].filter(Boolean).join(' ');
}

export function toast(results: readonly ProviderCheck[]): ConnectionToast {
  const failed = results.filter((r) => !r.check.ok);
  const accepted = results.filter((r) => r.check.ok);
  if (failed.length === 0)
    return { ok: true, message: t('Credentials accepted by {0}.', names(accepted)), fixes: [] };
  const parts = failed.map(shortFailure);
  if (accepted.length > 0) parts.push(t('Credentials accepted by {0}.', names(accepted)));
  return { ok: false, message: parts.join(' '), fixes: failed.flatMap(fix) };
}

function names(results: readonly ProviderCheck[]): string {
  return results.map((r) => describeProvider(r.kind).label).join(', ');
}

/** One short clause per failure; the full sentence, with its next step, is in the log. */
function shortFailure({ kind, check }: ProviderCheck): string {
  const name = describeProvider(kind).label;
  switch (check.error?.kind) {
    case 'auth':
      return t('{0} rejected the credentials.', name);
    case 'forbidden':
      return t('{0} refused access with these credentials.', name);
    case 'rateLimited':
      return t('{0} is limiting requests; try again later.', name);
    case 'network':
    case 'timeout':
      return t('Could not reach {0}.', name);
    case 'insecureUrl':
      return t('{0} was not contacted: its base URL must start with https://.', name);
    default:
      return t('{0} could not be checked.', name);
  }
}

function fix({ kind, check }: ProviderCheck): ConnectionToast['fixes'] {
  if (check.error?.kind !== 'auth' && check.error?.kind !== 'forbidden') return [];
  const command = describeProvider(kind).credentialCommand;
  const label = command === 'setTwinExpertKey' ? t('Set API Key') : t('Set Token');
  return [{ label, command: Commands[command] }];
}
