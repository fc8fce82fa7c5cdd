import * as vscode from 'vscode';
import type { ChatSession } from '../chat/chatSession';
import { exportConversation } from '../webview/exportConversation';
import { targetPickItems, type TargetPickItem } from './targetPickItems';

const t = vscode.l10n.t;

/** Shows the sidebar's chat with the cursor in its message box, ready to type. */
export async function openChat(sidebar: ChatSession): Promise<void> {
  await sidebar.surface.reveal();
  sidebar.surface.focusInput?.();
}

/** Starts a new chat where the user is (the focused or last-used chat), ready to type. */
export async function newChat(chat: () => ChatSession): Promise<void> {
  const session = chat();
  await session.newChat();
  await session.surface.reveal();
  session.surface.focusInput?.();
}

export async function exportCurrentConversation(chat: () => ChatSession): Promise<void> {
  const session = chat();
  await session.restoreBeforeUse();
  await exportConversation(session.shared, session.currentConversationId());
}

/**
 * A quick pick of every twin and bot, refreshed first so new twins show up. An argument (a key
 * like `twinexpert:<id>`, or a twin or bot name) selects directly, for keybindings and scripts.
 */
export async function selectTarget(chat: () => ChatSession, key?: unknown): Promise<void> {
  const controller = chat();
  if (typeof key === 'string') {
    await controller.shared.refreshTargets();
    await controller.selectTarget(key);
    return;
  }
  const items = vscode.window.createQuickPick<TargetPickItem>();
  items.title = t('Select Twin or Bot');
  items.placeholder = t('Loading twins and bots…');
  items.busy = true;
  items.show();
  await controller.shared.refreshTargets();
  const view = controller.targetsView();
  const { items: listed, active } = targetPickItems(view, {
    current: (provider) => t('{0} · current', provider),
    unavailable: (provider) => t('{0} · unavailable', provider),
  });
  items.items = listed;
  if (active) items.activeItems = [active];
  items.busy = false;
  items.placeholder =
    view.error ??
    (view.targets.length
      ? t('Choose who to talk to')
      : t('No twins or bots yet: set a key or add a bot first.'));
  const picked = await new Promise<string | undefined>((resolve) => {
    items.onDidAccept(() => resolve(items.selectedItems[0]?.key));
    items.onDidHide(() => resolve(undefined));
  });
  items.dispose();
  if (picked) await controller.selectTarget(picked);
}
