import * as vscode from 'vscode';
import { attachmentsForTarget } from '../chat/attachmentsForTarget';
import type { ChatSessions } from '../chat/chatSessions';
import type { TargetView } from '../shared/protocol';
import { describeProvider } from '../shared/providers';
import type { EditorChats } from '../webview/editorChats';

const t = vscode.l10n.t;
const MIN_TARGETS = 2;
const MAX_TARGETS = 4;

/**
 * One question to two to four twins and bots at once: a tab per target in side-by-side editor
 * groups, all answers streaming together. Each tab is an ordinary chat afterwards. Arguments
 * (target keys or names, then the question) skip the pickers, for keybindings and scripts.
 * The attachments queued in the chat it was started from go with the question, to each target
 * whose provider takes them (README, "Several chats at once"). Resolves when every answer has ended.
 */
export async function askSideBySide(
  sessions: ChatSessions,
  tabs: EditorChats,
  keys?: unknown,
  question?: unknown,
): Promise<void> {
  // The chat the command was started from (the focused one), before the new tabs take focus.
  const from = sessions.active();
  await sessions.refreshTargets();
  // Only what the latest list holds: the chosen twin or bot is kept in the chat's picker when the
  // list lacks it (removed, key rejected), marked unavailable, and it could only fail here.
  const targets = sessions.targets.current.targets.filter((target) => !target.unavailable);
  const chosen = Array.isArray(keys) ? fromArguments(targets, keys) : await pickTargets(targets);
  if (!chosen) return;
  if (chosen.length < MIN_TARGETS || chosen.length > MAX_TARGETS) {
    void vscode.window.showWarningMessage(
      t('Pick between {0} and {1} twins or bots.', MIN_TARGETS, MAX_TARGETS),
    );
    return;
  }
  const text = typeof question === 'string' ? question : await askQuestion(chosen.length);
  if (!text?.trim()) return;
  // Taken only now: a side by side cancelled in a picker leaves the chat's attachments alone.
  const queued = from?.takeAttachments() ?? [];
  const answers: Promise<void>[] = [];
  for (const target of chosen) {
    const { sent, left } = await attachmentsForTarget(target.provider, queued);
    if (left.length > 0) warnNotSent(target, left);
    // Beside the tab opened just before, so the tabs line up left to right.
    const session = tabs.open({ column: vscode.ViewColumn.Beside });
    await session.selectTarget(target.key);
    answers.push(session.send(text.trim(), sent));
  }
  await Promise.all(answers);
}

/** Said, not silent: the user attached these for every twin and bot asked. */
function warnNotSent(target: TargetView, left: readonly { name: string }[]): void {
  void vscode.window.showWarningMessage(
    t(
      '{0} did not get {1}: {2} takes only text files.',
      target.label,
      left.map((a) => `"${a.name}"`).join(', '),
      describeProvider(target.provider).label,
    ),
  );
}

function fromArguments(targets: readonly TargetView[], keys: unknown[]): TargetView[] {
  return keys.flatMap((key) => targets.filter((t) => t.key === key || t.label === key));
}

async function pickTargets(targets: readonly TargetView[]): Promise<TargetView[] | undefined> {
  if (targets.length < MIN_TARGETS) {
    void vscode.window.showInformationMessage(
      t('Side by side needs at least two twins or bots: set a key or add a bot first.'),
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    targets.map((target) => ({
      label: target.label,
      description: describeProvider(target.provider).label,
      detail: target.description,
      target,
    })),
    {
      title: t('Ask Twins Side by Side'),
      placeHolder: t('Pick two to four twins or bots'),
      canPickMany: true,
      ignoreFocusOut: true,
    },
  );
  return picked?.map((item) => item.target);
}

function askQuestion(count: number): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: t('Ask Twins Side by Side'),
    prompt: t('One question, sent to each of the {0} twins and bots', count),
    ignoreFocusOut: true,
  });
}
