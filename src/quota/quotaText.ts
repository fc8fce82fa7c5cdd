import * as vscode from 'vscode';
import type { QuotaBook } from '../providers/quota/quotaBook';
import type { Quota } from '../providers/quota/types';

/** The reset time as the user reads clocks: local time, in VS Code's display language. */
function resetTime(resetAt: number): string {
  return new Date(resetAt).toLocaleTimeString(vscode.env.language, {
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "TwinExpert: 187 of 200 requests left, resets at 15:00." for tooltips and Test Connection. */
export function quotaLine(service: string, quota: Quota): string {
  const left = String(quota.remaining);
  const limit = String(quota.limit);
  return quota.resetAt === undefined
    ? vscode.l10n.t('{0}: {1} of {2} requests left.', service, left, limit)
    : vscode.l10n.t(
        '{0}: {1} of {2} requests left, resets at {3}.',
        service,
        left,
        limit,
        resetTime(quota.resetAt),
      );
}

/** Every service's latest reading, one line each, for the status bar tooltip. */
export function quotaLines(book: QuotaBook): string {
  return book
    .all()
    .sort((a, b) => b.quota.observedAt - a.quota.observedAt)
    .filter((r, i, all) => all.findIndex((o) => o.service === r.service) === i)
    .map((r) => quotaLine(r.service, r.quota))
    .join(' ');
}
