import * as vscode from 'vscode';
import type { Credentials } from '../config/credentials';
import { Commands, Settings } from '../constants';
import {
  demoServerResponds,
  fetchDemoInfo,
  loopbackUrl,
  lookUpDemoServer,
  type DemoInfo,
} from './demoInfo';

const t = vscode.l10n.t;

/** The URL `npm start` or `npm run simulator` printed, when the launcher passed it on. */
export function demoServerUrl(): string | undefined {
  return process.env.TWIN_CHAT_DEMO_URL;
}

function baseUrlSettings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(Settings.section);
}

/** A real key or token would be lost: the user says so first. Demo values may be replaced freely. */
async function mayReplaceCredentials(credentials: Credentials, demo: DemoInfo): Promise<boolean> {
  const [key, token] = await Promise.all([
    credentials.twinExpertKey(),
    credentials.kamiMindToken(),
  ]);
  const own = (key && key !== demo.twinExpertApiKey) || (token && token !== demo.kamiMindToken);
  if (!own) return true;
  const replace = t('Replace with Demo Credentials');
  const answer = await vscode.window.showWarningMessage(
    t("Replace your TwinExpert API key and KamiMind token with the demo server's?"),
    {
      modal: true,
      detail: t(
        'Your own key and token will be removed from this machine. "Twin Chat: Use Real Services" points Twin Chat back at the real services; then set them again.',
      ),
    },
    replace,
  );
  return answer === replace;
}

async function storeDemo(credentials: Credentials, demo: DemoInfo): Promise<void> {
  const config = baseUrlSettings();
  const global = vscode.ConfigurationTarget.Global;
  await config.update(Settings.twinExpertBaseUrl, demo.twinExpertBaseUrl, global);
  await config.update(Settings.kamiMindBaseUrl, demo.kamiMindBaseUrl, global);
  await credentials.setTwinExpertKey(demo.twinExpertApiKey);
  await credentials.setKamiMindToken(demo.kamiMindToken);
  if (!credentials.bots().some((bot) => bot.label === 'Demo bot'))
    await credentials.addBot('Demo bot', demo.kamiMindBotToken);
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
  const lookup = await lookUpDemoServer(url);
  if (lookup.kind !== 'ok') {
    const message =
      lookup.kind === 'foreignUrl'
        ? t(
            'The server at {0} is not the Twin Chat demo server: it points elsewhere ({1}). Nothing was changed.',
            url.origin,
            lookup.url,
          )
        : t(
            'No Twin Chat demo server answers at {0}. Start it with "npm run simulator" and try again.',
            url.origin,
          );
    void vscode.window.showErrorMessage(message);
    return;
  }
  if (!(await mayReplaceCredentials(credentials, lookup.demo))) return;
  await storeDemo(credentials, lookup.demo);
  void vscode.window.showInformationMessage(
    t(
      'Twin Chat now talks to the demo server at {0}. "Twin Chat: Use Real Services" switches back.',
      url.origin,
    ),
  );
}

/** One step back from the demo: both base URLs return to their defaults (the real services). */
export async function useRealServices(): Promise<void> {
  const config = baseUrlSettings();
  for (const key of [Settings.twinExpertBaseUrl, Settings.kamiMindBaseUrl])
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  const real = baseUrlSettings();
  void vscode.window.showInformationMessage(
    t(
      'Twin Chat talks to the real services again: {0} and {1}. Set your own key and token if the demo ones are still stored.',
      real.get<string>(Settings.twinExpertBaseUrl, ''),
      real.get<string>(Settings.kamiMindBaseUrl, ''),
    ),
  );
}

let warnedGone = false;

/**
 * Settings still naming a loopback server that no longer answers are a trap: a key set later goes
 * in clear text to whatever program next takes that port. Said once per session, with the way back.
 */
async function warnIfDemoServerGone(): Promise<void> {
  if (warnedGone) return;
  const config = baseUrlSettings();
  const origins = [Settings.twinExpertBaseUrl, Settings.kamiMindBaseUrl]
    .map((key) => loopbackUrl(config.get<string>(key, '')))
    .filter((url): url is URL => url !== undefined);
  const gone = origins[0];
  if (!gone || (await demoServerResponds(gone))) return;
  warnedGone = true;
  const back = t('Use Real Services');
  const answer = await vscode.window.showWarningMessage(
    t('Twin Chat still points at the demo server at {0}, which no longer answers.', gone.origin),
    back,
  );
  if (answer === back) await vscode.commands.executeCommand(Commands.useRealServices);
}

/** Whether the welcome may offer the demo server; also notices when the one in use has gone. */
export async function demoServerAvailable(): Promise<boolean> {
  void warnIfDemoServerGone();
  const url = demoServerUrl();
  return Boolean(url && (await fetchDemoInfo(new URL(url), 1000)));
}
