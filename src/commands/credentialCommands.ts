import * as vscode from 'vscode';
import type { Credentials } from '../config/credentials';
import { Commands, type CommandId } from '../constants';
import {
  KAMIMIND_BOT_TOKEN_FORMAT,
  KAMIMIND_TOKEN_FORMAT,
  TWINEXPERT_KEY_FORMAT,
  pastedCredential,
} from '../providers/credentialFormats';

const t = vscode.l10n.t;

export type KeyringResult<T> = { ok: true; value: T } | { ok: false };

/**
 * Runs a SecretStorage write. It can fail when the OS keyring is missing or locked; the user is told
 * so instead of the command crashing. (An explicit result, because a successful write of a secret
 * returns nothing, which must not read as a failure.)
 */
export async function guardKeyring<T>(work: () => Promise<T>): Promise<KeyringResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    void vscode.window.showErrorMessage(
      t(
        'Twin Chat could not use the system keyring to store secrets ({0}). Unlock or install a keyring (for example gnome-keyring) and try again.',
        error instanceof Error ? error.message : String(error),
      ),
    );
    return { ok: false };
  }
}

/** The credential typed or pasted, without what a paste brings along; undefined if cancelled. */
async function askSecret(
  prompt: string,
  placeHolder: string,
  format: RegExp,
  hint: string,
): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: 'Twin Chat',
    prompt,
    placeHolder,
    password: true,
    ignoreFocusOut: true,
    validateInput: (typed) => (format.test(pastedCredential(typed)) ? undefined : hint),
  });
  return value === undefined ? undefined : pastedCredential(value);
}

async function offerTestConnection(saved: string): Promise<void> {
  const test = t('Test Connection');
  const choice = await vscode.window.showInformationMessage(saved, test);
  if (choice === test) await vscode.commands.executeCommand(Commands.testConnection);
}

/**
 * KamiMind needs a token and a bot, and setting one goes on to ask for the other. Left there (the
 * user has no token at hand yet), the welcome stays and offers only Add KamiMind Bot, which would
 * add a second bot; so the user is told which step is missing, with its button.
 */
async function continueKamiMindSetUp(next: CommandId, missing: string, button: string) {
  if (await vscode.commands.executeCommand<boolean>(next)) return;
  const choice = await vscode.window.showInformationMessage(missing, button);
  if (choice === button) await vscode.commands.executeCommand(next);
}

export async function setTwinExpertKey(credentials: Credentials): Promise<boolean> {
  const key = await askSecret(
    t('Paste your TwinExpert API key (create one in your TwinExpert profile under API Keys).'),
    'ak_…',
    TWINEXPERT_KEY_FORMAT,
    t('A TwinExpert API key starts with "ak_" followed by letters and digits.'),
  );
  if (key === undefined) return false;
  if (!(await guardKeyring(() => credentials.setTwinExpertKey(key))).ok) return false;
  void offerTestConnection(t("TwinExpert API key saved in VS Code's secret storage."));
  return true;
}

export async function setKamiMindToken(credentials: Credentials): Promise<boolean> {
  const token = await askSecret(
    t('Paste your KamiMind API token (the Bearer token KamiMind issued for your assistant).'),
    t('KamiMind token'),
    KAMIMIND_TOKEN_FORMAT,
    t('The token is at least 8 letters, digits or . _ ~ + / = - characters, without spaces.'),
  );
  if (token === undefined) return false;
  if (!(await guardKeyring(() => credentials.setKamiMindToken(token))).ok) return false;
  if (credentials.bots().length === 0) {
    void continueKamiMindSetUp(
      Commands.addKamiMindBot,
      t('KamiMind token saved. KamiMind answers through a bot: add one to chat with it.'),
      t('Add KamiMind Bot'),
    );
    return true;
  }
  void offerTestConnection(t("KamiMind token saved in VS Code's secret storage."));
  return true;
}

export async function addKamiMindBot(credentials: Credentials): Promise<boolean> {
  const label = await vscode.window.showInputBox({
    title: 'Twin Chat',
    prompt: t('A name for this KamiMind bot, as it will appear in the chat picker.'),
    placeHolder: t('e.g. Support assistant'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : t('Enter a name.')),
  });
  if (label === undefined) return false;
  const token = await askSecret(
    t('Paste the bot token of "{0}" (a UUID from the bot\'s integration settings).', label.trim()),
    '00000000-0000-0000-0000-000000000000',
    KAMIMIND_BOT_TOKEN_FORMAT,
    t('A bot token is a UUID like 1b4e28ba-2fa1-11d2-883f-0016d3cca427.'),
  );
  if (token === undefined) return false;
  const added = await guardKeyring(() => credentials.addBot(label.trim(), token));
  if (!added.ok) return false;
  const bot = added.value;
  if (!(await credentials.kamiMindToken())) {
    void continueKamiMindSetUp(
      Commands.setKamiMindToken,
      t('KamiMind bot "{0}" added. It answers once your KamiMind token is set.', bot.label),
      t('Set KamiMind Token'),
    );
    return true;
  }
  void offerTestConnection(t('KamiMind bot "{0}" added.', bot.label));
  return true;
}

export async function removeKamiMindBot(credentials: Credentials): Promise<void> {
  const bots = credentials.bots();
  if (bots.length === 0) {
    void vscode.window.showInformationMessage(t('No KamiMind bots are configured.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    bots.map((bot) => ({ label: bot.label, bot })),
    { title: t('Remove KamiMind Bot'), placeHolder: t('Choose the bot to remove') },
  );
  if (picked) await guardKeyring(() => credentials.removeBot(picked.bot.id));
}

export async function clearCredentials(credentials: Credentials): Promise<void> {
  const clear = t('Clear Credentials');
  const answer = await vscode.window.showWarningMessage(
    t(
      'Remove the TwinExpert API key, the KamiMind token and every KamiMind bot from this machine?',
    ),
    { modal: true },
    clear,
  );
  if (answer !== clear) return;
  await guardKeyring(() => credentials.clear());
  void vscode.window.showInformationMessage(t('Twin Chat credentials removed.'));
}
