// The --help text. Credentials are read only from the environment, so they never end up in shell
// history or in the process list.
export const HELP = `twin-chat: talk to TwinExpert twins and KamiMind bots from the terminal.

Usage:
  twin-chat twins
  twin-chat send --twin <id> [--conversation <id>] <message>
  twin-chat send --bot <name> [--story <id>] [--file <path>]... <message>
  twin-chat history --bot <name> --story <id>
  twin-chat conversations --twin <id> [--page <n>] [--limit <n>]
  twin-chat history --conversation <id>
  twin-chat twin <id>
  twin-chat status

Options:
  --bot <name>         talk to the KamiMind bot whose token is in KAMIMIND_BOT_TOKEN; <name> is
                       only a label (a bot token given here still works, with a warning)
  --base-url <url>     API base URL (default: TwinExpert https://api.twinexpert.com/api/v1,
                       KamiMind https://api.dev.kamimind.ai)
  --no-stream          wait for the whole answer instead of streaming it
  --timeout <seconds>  first-byte and idle time-out (default 60)
  --json               print one JSON event per line, exactly as received
  --page, --limit      which page of conversations, and how many per page (default 1 and 20)
  -v, --verbose        also print the key's quota (requests left, reset time) on stderr
  -h, --help           show this help

Environment:
  TWINEXPERT_API_KEY   TwinExpert API key (ak_...)
  KAMIMIND_TOKEN       KamiMind bearer token
  KAMIMIND_BOT_TOKEN   KamiMind bot token (a UUID)
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY are honoured (VS Code's http.proxy is not read);
  NODE_EXTRA_CA_CERTS names a CA certificate to trust, such as a proxy's.

conversations lists a twin's conversations on the server, including ones made on the TwinExpert
website; history --conversation prints one of them (when the server offers its history); twin
prints a twin's details; status checks the TwinExpert key and prints its quota.

The answer streams to stdout; the conversation or story id to continue with is printed to stderr.
On a terminal, control characters and escape sequences in server text are removed (only line
breaks and tabs are kept), so an answer cannot move the cursor, set the title or the clipboard.
Exit status: 0 success, 1 API or network error, 2 usage error, 130 interrupted (Ctrl-C),
141 output closed by its reader (as with "| head").
`;
