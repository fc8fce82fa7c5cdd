import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import { LowQuotaWatch } from '../providers/quota/lowQuota';
import type { QuotaBook } from '../providers/quota/quotaBook';
import { quotaLine } from './quotaText';

/**
 * Tells the user, once per key, that a service says fewer than 10% of its requests are left: they
 * learn of the limit before a 429 instead of from it. LowQuotaWatch decides when.
 */
export class QuotaWarning extends Disposable {
  private readonly watch = new LowQuotaWatch();

  constructor(book: QuotaBook, log: vscode.LogOutputChannel) {
    super();
    this.register(
      book.onDidRecord((reading) => {
        if (!this.watch.shouldWarn(reading)) return;
        const line = quotaLine(reading.service, reading.quota);
        log.warn(`Quota low: ${line}`);
        void vscode.window.showWarningMessage(
          vscode.l10n.t('Twin Chat: few requests left. {0}', line),
        );
      }),
    );
  }
}
