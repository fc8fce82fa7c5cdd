// Builds the same provider clients the extension uses, configured from flags and the environment.
import * as path from 'node:path';
import { stat } from 'node:fs/promises';
import { createHttpClient } from '../providers/http/client';
import type { HttpClient } from '../providers/http/types';
import { createKamiMindProvider } from '../providers/kamiMind';
import type { ServiceInfo } from '../providers/messages';
import type { QuotaRecorder } from '../providers/quota/types';
import { createTwinExpertProvider, type TwinExpertOptions } from '../providers/twinExpert';
import type { Attachment, ChatProvider } from '../providers/types';
import { UsageError, type CommonOptions } from './args';
import { BOT_TOKEN_VARIABLE, type BotChoice } from './botChoice';

export const DEFAULT_TWINEXPERT_URL = 'https://api.twinexpert.com/api/v1';
export const DEFAULT_KAMIMIND_URL = 'https://api.dev.kamimind.ai';
/** The local id the CLI gives the one bot named by --bot; the token itself never becomes an id. */
export const CLI_BOT_ID = 'cli-bot';

/**
 * The CLI reads no VS Code settings: its proxy comes from the environment (EnvHttpProxyAgent), and
 * Node adds the certificates NODE_EXTRA_CA_CERTS names to the ones it trusts.
 */
const CLI_NETWORK_HINTS: Pick<ServiceInfo, 'howToCheckConnection' | 'howToCheckCertificate'> = {
  howToCheckConnection:
    'Check your connection, or the proxy environment variables HTTPS_PROXY, HTTP_PROXY and NO_PROXY.',
  howToCheckCertificate:
    'Check the proxy in HTTPS_PROXY, or name the CA certificate to trust in NODE_EXTRA_CA_CERTS.',
};

const DEFAULT_TIMEOUT_SECONDS = 60;
const CONNECT_TIMEOUT_SECONDS = 10;

export function createCliHttp(options: CommonOptions, quota?: QuotaRecorder): HttpClient {
  const seconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  return createHttpClient({
    quota,
    connectTimeoutMs: Math.min(seconds, CONNECT_TIMEOUT_SECONDS) * 1000,
    firstByteTimeoutMs: seconds * 1000,
    idleTimeoutMs: seconds * 1000,
    userAgent: 'twin-chat-cli',
  });
}

export function twinExpertFor(
  options: CommonOptions,
  env: NodeJS.ProcessEnv,
  http: HttpClient,
): ChatProvider {
  return createTwinExpertProvider(twinExpertOptions(options, env, http));
}

export function twinExpertOptions(
  options: CommonOptions,
  env: NodeJS.ProcessEnv,
  http: HttpClient,
): TwinExpertOptions {
  return {
    baseUrl: options.baseUrl ?? DEFAULT_TWINEXPERT_URL,
    getApiKey: () => Promise.resolve(env.TWINEXPERT_API_KEY),
    http,
    service: {
      name: 'TwinExpert',
      credentialName: 'API key',
      howToSetCredential: 'Set the TWINEXPERT_API_KEY environment variable to a valid key.',
      ...CLI_NETWORK_HINTS,
    },
  };
}

export function kamiMindFor(
  options: CommonOptions,
  env: NodeJS.ProcessEnv,
  http: HttpClient,
  bot: BotChoice,
): ChatProvider {
  return createKamiMindProvider({
    baseUrl: options.baseUrl ?? DEFAULT_KAMIMIND_URL,
    getToken: () => Promise.resolve(env.KAMIMIND_TOKEN),
    listBots: () => Promise.resolve([{ id: CLI_BOT_ID, label: bot.label }]),
    getBotToken: (id) => Promise.resolve(id === CLI_BOT_ID ? bot.token : undefined),
    http,
    service: {
      name: 'KamiMind',
      credentialName: 'token',
      howToSetCredential: 'Set the KAMIMIND_TOKEN environment variable to a valid token.',
      ...CLI_NETWORK_HINTS,
    },
    botService: {
      name: 'KamiMind',
      credentialName: 'bot token',
      howToSetCredential: `Set the ${BOT_TOKEN_VARIABLE} environment variable to the bot's token (a UUID).`,
      ...CLI_NETWORK_HINTS,
    },
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.json': 'application/json',
  '.csv': 'text/csv',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** Files are only stat'ed here; their bytes are streamed from disk during the upload. */
export async function fileAttachments(files: readonly string[]): Promise<Attachment[]> {
  return Promise.all(
    files.map(async (file) => {
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) throw new UsageError(`--file ${file}: no such file.`);
      const contentType =
        CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      return { name: path.basename(file), size: info.size, path: path.resolve(file), contentType };
    }),
  );
}
