import * as vscode from 'vscode';
import type { Credentials } from '../config/credentials';
import { Settings } from '../constants';

const t = vscode.l10n.t;

interface DemoInfo {
  twinExpertBaseUrl: string;
  kamiMindBaseUrl: string;
  twinExpertApiKey: string;
  kamiMindToken: string;
  kamiMindBotToken: string;
}

function isDemoInfo(value: unknown): value is DemoInfo {
  const v = value as Partial<Record<keyof DemoInfo, unknown>> | null;
  return [
    'twinExpertBaseUrl',
    'kamiMindBaseUrl',
    'twinExpertApiKey',
    'kamiMindToken',
    'kamiMindBotToken',
  ].every((key) => typeof v?.[key as keyof DemoInfo] === 'string');
}

/** Only a server on this machine can be the demo: the command must never send keys elsewhere. */
function loopbackUrl(value: string): URL | undefined {
  try {
    const url = new URL(value.trim());
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The URL `npm start` or `npm run simulator` printed, when the launcher passed it on. */
export function demoServerUrl(): string | undefined {
  return process.env.TWIN_CHAT_DEMO_URL;
}

export async function fetchDemoInfo(base: URL, timeoutMs = 3000): Promise<DemoInfo | undefined> {
  try {
    const response = await fetch(new URL('/__sim/demo', base), {
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body: unknown = response.ok ? await response.json() : undefined;
    return isDemoInfo(body) ? body : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Points Twin Chat at the local simulator (`npm run simulator`) with its demo credentials, so
 * the extension can be tried without an account. Base URLs go to user settings, as always.
 */
export async function useDemoServer(credentials: Credentials): Promise<void> {
  const entered = await vscode.window.showInputBox({
    title: t('Use the Local Demo Server'),
    prompt: t('The address printed by "npm run simulator" (only this machine is accepted).'),
    value: demoServerUrl() ?? 'http://127.0.0.1:',
    ignoreFocusOut: true,
    validateInput: (value) =>
      loopbackUrl(value) ? undefined : t('Enter an http://127.0.0.1:<port> address.'),
  });
  const url = entered === undefined ? undefined : loopbackUrl(entered);
  if (!url) return;
  const demo = await fetchDemoInfo(url);
  if (!demo) {
    void vscode.window.showErrorMessage(
      t(
        'No Twin Chat demo server answers at {0}. Start it with "npm run simulator" and try again.',
        url.origin,
      ),
    );
    return;
  }
  const config = vscode.workspace.getConfiguration(Settings.section);
  await config.update(
    Settings.twinExpertBaseUrl,
    demo.twinExpertBaseUrl,
    vscode.ConfigurationTarget.Global,
  );
  await config.update(
    Settings.kamiMindBaseUrl,
    demo.kamiMindBaseUrl,
    vscode.ConfigurationTarget.Global,
  );
  await credentials.setTwinExpertKey(demo.twinExpertApiKey);
  await credentials.setKamiMindToken(demo.kamiMindToken);
  if (!credentials.bots().some((bot) => bot.label === 'Demo bot'))
    await credentials.addBot('Demo bot', demo.kamiMindBotToken);
  void vscode.window.showInformationMessage(
    t('Twin Chat now talks to the demo server at {0}.', url.origin),
  );
}
