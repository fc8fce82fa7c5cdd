import * as vscode from 'vscode';
import type { Credentials } from '../config/credentials';
import { Commands, Settings } from '../constants';
import {
  demoServerResponds,
  loopbackUrl,
  lookUpDemoServer,
  offerDemoServer,
  type DemoInfo,
} from './demoInfo';

const t = vscode.l10n.t;

/** The demo server `npm start` started with this VS Code, on this machine only. */
function launchedDemoUrl(): URL | undefined {
  const url = process.env.TWIN_CHAT_DEMO_URL;
  return url ? loopbackUrl(url) : undefined;
}

function baseUrlSettings(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(Settings.section);
}

/** The loopback server the base URLs point at: a demo used before, whose keys may have gone. */
function configuredDemoUrl(): URL | undefined {
  const config = baseUrlSettings();
  return [Settings.twinExpertBaseUrl, Settings.kamiMindBaseUrl]
    .map((key) => loopbackUrl(config.get<string>(key, '')))
    .find((url): url is URL => url !== undefined);
}

/** Where a demo server should be: the one `npm start` started, else the one in the settings. */
function knownDemoUrl(): URL | undefined {
  const url = launchedDemoUrl() ?? configuredDemoUrl();
  return url ? new URL(url.origin) : undefined;
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
  // One change for the chat view, which lists the twins once instead of once per base URL and secret.
  await credentials.together(async () => {
    await config.update(Settings.twinExpertBaseUrl, demo.twinExpertBaseUrl, global);
    await config.update(Settings.kamiMindBaseUrl, demo.kamiMindBaseUrl, global);
    await credentials.setTwinExpertKey(demo.twinExpertApiKey);
    await credentials.setKamiMindToken(demo.kamiMindToken);
    if (!credentials.bots().some((bot) => bot.label === 'Demo bot'))
      await credentials.addBot('Demo bot', demo.kamiMindBotToken);
  });
}

/** The address of a demo server started by hand, asked for: only this machine is accepted. */
async function askForDemoUrl(): Promise<URL | undefined> {
  const entered = await vscode.window.showInputBox({
    title: t('Use the Local Demo Server'),
    prompt: t('The address printed by "npm run simulator" (only this machine is accepted).'),
    value: configuredDemoUrl()?.origin ?? 'http://127.0.0.1:',
    ignoreFocusOut: true,
    validateInput: (value) =>
      loopbackUrl(value) ? undefined : t('Enter an http://127.0.0.1:<port> address.'),
  });
  return entered === undefined ? undefined : loopbackUrl(entered);
}

/**
 * Points Twin Chat at the local simulator with its demo credentials, so the extension can be tried
 * without an account. The demo `npm start` started needs no question; one started by hand (`npm
 * run simulator`) is asked for. Base URLs go to user settings, as always.
 */
export async function useDemoServer(credentials: Credentials): Promise<void> {
  const launched = launchedDemoUrl();
  const url = launched ?? (await askForDemoUrl());
  if (!url) return;
  const lookup = await lookUpDemoServer(url);
  if (launched && lookup.kind === 'noDemo') {
    void vscode.window.showErrorMessage(
      t(
        'The demo server that "npm start" started at {0} no longer answers. Run "npm start" again.',
        url.origin,
      ),
    );
    return;
  }
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
  const gone = configuredDemoUrl();
  if (!gone || (await demoServerResponds(gone))) return;
  warnedGone = true;
  const back = t('Use Real Services');
  const answer = await vscode.window.showWarningMessage(
    t('Twin Chat still points at the demo server at {0}, which no longer answers.', gone.origin),
    back,
  );
  if (answer === back) await vscode.commands.executeCommand(Commands.useRealServices);
}

/**
 * Whether the welcome offers "Try the Demo Server", asked each time the view (and so the welcome)
 * is shown; also notices when the demo in use has gone.
 */
export async function demoServerAvailable(): Promise<boolean> {
  void warnIfDemoServerGone();
  const url = knownDemoUrl();
  return url !== undefined && (await offerDemoServer(url));
}
