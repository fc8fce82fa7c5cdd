// Which KamiMind bot a command talks to. A bot token is a credential, so it comes from the
// environment like the others; on the command line it would show in `ps` and in shell history.
// `--bot` names the bot. A token given there anyway (bot tokens are UUIDs) still works, so old
// scripts keep running, but with a warning.
import { KAMIMIND_BOT_TOKEN_FORMAT } from '../providers/credentialFormats';

export const BOT_TOKEN_VARIABLE = 'KAMIMIND_BOT_TOKEN';

export interface BotChoice {
  label: string;
  token: string | undefined;
  /** Said on stderr before the request, when the token came from the command line. */
  warning?: string;
}

export function chooseBot(botArgument: string, env: NodeJS.ProcessEnv): BotChoice {
  if (KAMIMIND_BOT_TOKEN_FORMAT.test(botArgument.trim())) {
    return {
      label: 'KamiMind bot',
      token: botArgument,
      warning:
        `Warning: a bot token on the command line shows in the process list and shell history. ` +
        `Set ${BOT_TOKEN_VARIABLE} instead and pass --bot <name>.\n`,
    };
  }
  return { label: botArgument, token: env[BOT_TOKEN_VARIABLE] };
}
