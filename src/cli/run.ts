// The CLI without the process: arguments, environment, output and cancellation come in, an exit
// status goes out. main.ts wires it to the real process; tests call it directly.
import { ProviderError } from '../providers/errors';
import type { HttpClient } from '../providers/http/types';
import type { ChatProvider, SendRequest } from '../providers/types';
import { describeProvider } from '../shared/providers';
import { UsageError, parseCli, type CliCommand } from './args';
import { chooseBot, type BotChoice } from './botChoice';
import { HELP } from './help';
import { QuotaBook } from '../providers/quota/quotaBook';
import { printQuotas, runServerCommand } from './serverRun';
import { EventPrinter, printHistory, printTargets, type CliIo } from './output';
import { terminalSafe } from './terminalText';
import {
  CLI_BOT_ID,
  createCliHttp,
  fileAttachments,
  kamiMindFor,
  twinExpertFor,
} from './providers';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

export interface CliContext {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  io: CliIo;
  signal: AbortSignal;
  /** Which streams are terminals: server text written there is made terminal-safe. */
  terminal?: { stdout: boolean; stderr: boolean };
}

type RunnableCommand = Exclude<CliCommand, { kind: 'help' }>;

function failure(io: CliIo, error: ProviderError): number {
  io.stderr(`${error.userMessage}\n`);
  // The server's own code and message, already redacted, for a bug report or the vendor's support.
  if (error.serverDetail) io.stderr(`Server said: ${error.serverDetail}\n`);
  return error.kind === 'cancelled' ? EXIT_INTERRUPTED : EXIT_FAILURE;
}

async function sendAndPrint(
  provider: ChatProvider,
  request: SendRequest,
  ctx: CliContext,
  json: boolean,
): Promise<number> {
  const idLabel = describeProvider(provider.id).conversationIdLabel;
  const printer = new EventPrinter(ctx.io, json);
  for await (const event of provider.send(request, ctx.signal)) {
    printer.print(event);
    if (event.type === 'complete' || event.type === 'error') {
      if (event.conversationId) ctx.io.stderr(`${idLabel}: ${event.conversationId}\n`);
      return event.type === 'complete' ? EXIT_OK : failure(ctx.io, event.error);
    }
  }
  return EXIT_FAILURE; // unreachable: send() always ends with a terminal event
}

function botFor(botArgument: string, ctx: CliContext): BotChoice {
  const bot = chooseBot(botArgument, ctx.env);
  if (bot.warning) ctx.io.stderr(bot.warning);
  return bot;
}

async function execute(
  command: RunnableCommand,
  ctx: CliContext,
  http: HttpClient,
  book: QuotaBook,
): Promise<number> {
  const { options } = command;
  switch (command.kind) {
    case 'conversations':
    case 'conversationHistory':
    case 'twin':
    case 'status':
      return runServerCommand(command, ctx, http, book);
    case 'twins': {
      printTargets(
        ctx.io,
        await twinExpertFor(options, ctx.env, http).listTargets(ctx.signal),
        options.json,
      );
      return EXIT_OK;
    }
    case 'sendTwin': {
      const provider = twinExpertFor(options, ctx.env, http);
      const request = {
        targetId: command.twinId,
        conversationId: command.conversationId,
        text: command.message,
        stream: options.stream,
      };
      return sendAndPrint(provider, request, ctx, options.json);
    }
    case 'sendBot': {
      const provider = kamiMindFor(options, ctx.env, http, botFor(command.bot, ctx));
      const attachments = await fileAttachments(command.files);
      const request = {
        targetId: CLI_BOT_ID,
        conversationId: command.storyId,
        text: command.message,
        attachments,
        stream: options.stream,
      };
      return sendAndPrint(provider, request, ctx, options.json);
    }
    case 'history': {
      const provider = kamiMindFor(options, ctx.env, http, botFor(command.bot, ctx));
      printHistory(
        ctx.io,
        (await provider.history?.(command.storyId, ctx.signal)) ?? [],
        options.json,
      );
      return EXIT_OK;
    }
  }
}

/** --json stdout is for programs and stays byte-exact; anything for a person on a terminal is cleaned. */
function terminalIo(io: CliIo, terminal: CliContext['terminal'], json: boolean): CliIo {
  return {
    stdout: terminal?.stdout && !json ? (text) => io.stdout(terminalSafe(text)) : io.stdout,
    stderr: terminal?.stderr ? (text) => io.stderr(terminalSafe(text)) : io.stderr,
  };
}

export async function runCli(ctx: CliContext): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCli(ctx.argv);
  } catch (error) {
    ctx.io.stderr(
      `${error instanceof Error ? error.message : String(error)}\nRun "twin-chat --help" for usage.\n`,
    );
    return EXIT_USAGE;
  }
  if (command.kind === 'help') {
    ctx.io.stdout(HELP);
    return EXIT_OK;
  }
  const book = new QuotaBook();
  const http = createCliHttp(command.options, book);
  const io = terminalIo(ctx.io, ctx.terminal, command.options.json);
  try {
    return await execute(command, { ...ctx, io }, http, book);
  } catch (error) {
    if (error instanceof UsageError) return (io.stderr(`${error.message}\n`), EXIT_USAGE);
    if (error instanceof ProviderError) return failure(io, error);
    throw error;
  } finally {
    if (command.options.verbose) printQuotas({ ...ctx, io }, book);
    await http.close();
  }
}
