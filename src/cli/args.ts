// Command-line parsing with node:util parseArgs into one discriminated union, so the runner never
// looks at raw strings. Anything unusable is a UsageError (exit status 2).
import { parseArgs } from 'node:util';
import { serverCommand, type ServerCommand } from './serverArgs';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CommonOptions {
  baseUrl?: string;
  stream: boolean;
  timeoutSeconds?: number;
  json: boolean;
  /** Also print what the server said about the key's quota (X-RateLimit-*) on stderr. */
  verbose: boolean;
}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'twins'; options: CommonOptions }
  | {
      kind: 'sendTwin';
      twinId: string;
      conversationId?: string;
      message: string;
      options: CommonOptions;
    }
  | {
      kind: 'sendBot';
      /** A bot name, or (discouraged) the bot token itself; see botChoice.ts. */
      bot: string;
      storyId?: string;
      files: string[];
      message: string;
      options: CommonOptions;
    }
  | { kind: 'history'; bot: string; storyId: string; options: CommonOptions }
  | ServerCommand;

const OPTIONS = {
  twin: { type: 'string' },
  conversation: { type: 'string' },
  bot: { type: 'string' },
  story: { type: 'string' },
  file: { type: 'string', multiple: true },
  'base-url': { type: 'string' },
  'no-stream': { type: 'boolean' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  page: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

function parseTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new UsageError(`--timeout must be a number of seconds between 0 and 3600, got "${raw}".`);
  }
  return seconds;
}

function common(values: Values): CommonOptions {
  const baseUrl = values['base-url'];
  if (baseUrl !== undefined && !/^https?:\/\/\S+$/.test(baseUrl))
    throw new UsageError('--base-url must be an http(s) URL.');
  return {
    baseUrl,
    stream: !values['no-stream'],
    timeoutSeconds: parseTimeout(values.timeout),
    json: values.json === true,
    verbose: values.verbose === true,
  };
}

export function forbid(values: Values, names: (keyof Values)[], command: string): void {
  const used = names.filter((name) => values[name] !== undefined);
  if (used.length > 0)
    throw new UsageError(`--${used.join(', --')} cannot be used with "${command}".`);
}

function sendCommand(values: Values, words: string[], options: CommonOptions): CliCommand {
  const message = words.join(' ').trim();
  if (!message)
    throw new UsageError('send needs a message, e.g. twin-chat send --twin <id> "Hello"');
  if (values.twin !== undefined && values.bot !== undefined)
    throw new UsageError('Use either --twin or --bot, not both.');
  if (values.twin !== undefined) {
    forbid(values, ['story', 'file'], 'send --twin');
    return {
      kind: 'sendTwin',
      twinId: values.twin,
      conversationId: values.conversation,
      message,
      options,
    };
  }
  if (values.bot !== undefined) {
    forbid(values, ['conversation'], 'send --bot');
    return {
      kind: 'sendBot',
      bot: values.bot,
      storyId: values.story,
      files: values.file ?? [],
      message,
      options,
    };
  }
  throw new UsageError('send needs --twin <id> or --bot <name>.');
}

export function parseCli(argv: readonly string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, ...words] = positionals;
  if (values.help || command === 'help' || command === undefined) return { kind: 'help' };
  const options = common(values);
  if (command === 'send') return sendCommand(values, words, options);
  const server = serverCommand(command, values, words, options);
  if (server) return server;
  if (words.length > 0) throw new UsageError(`Unexpected argument "${words[0]}".`);
  forbid(values, ['page', 'limit'], command);
  if (command === 'twins') {
    forbid(values, ['twin', 'conversation', 'bot', 'story', 'file'], 'twins');
    return { kind: 'twins', options };
  }
  if (command === 'history') {
    forbid(values, ['twin', 'file'], 'history');
    if (values.conversation !== undefined) {
      forbid(values, ['bot', 'story'], 'history --conversation');
      return { kind: 'conversationHistory', conversationId: values.conversation, options };
    }
    if (values.bot === undefined || values.story === undefined)
      throw new UsageError(
        'history needs --conversation <id> (TwinExpert) or --bot <name> and --story <id> (KamiMind).',
      );
    return { kind: 'history', bot: values.bot, storyId: values.story, options };
  }
  throw new UsageError(`Unknown command "${command}".`);
}
