import * as vscode from 'vscode';
import { MAX_DROPPED_URIS } from '../chat/dropPaths';

const t = vscode.l10n.t;

/**
 * What a drop named but leaves out without a refusal of its own: URIs past the most one drop may
 * name, and, inside dropped folders, entries files.exclude hides and links leading to a folder or
 * out of the workspace. Told once per drop, with the question or instead of it, so a drop never
 * attaches less than it named without saying so (a folder of only such entries did nothing).
 */
export class DropLeftOut {
  beyondLimit = 0;
  excluded = 0;
  links = 0;

  /** One sentence naming each reason and how many it left out, or undefined for none. */
  sentence(): string | undefined {
    const reasons = [
      this.beyondLimit > 0 &&
        t('{0} beyond the {1} items one drop can name', this.beyondLimit, MAX_DROPPED_URIS),
      this.excluded > 0 && t('{0} hidden by files.exclude', this.excluded),
      this.links > 0 && t('{0} behind a link to a folder or outside the workspace', this.links),
    ].filter((reason): reason is string => typeof reason === 'string');
    return reasons.length > 0 ? t('Left out: {0}.', reasons.join('; ')) : undefined;
  }

  /** A drop that attaches nothing at all says why, since no question will. */
  tellIfNothingAttached(): void {
    const sentence = this.sentence();
    if (sentence) void vscode.window.showWarningMessage(t('Nothing was attached. {0}', sentence));
  }
}
