import { format } from 'node:util';

// The workbench forwards every console message of the page and the extension host to
// codeAutomationLog: the tests' own output among a lot of workbench chatter. The chatter is
// dropped unless TWIN_CHAT_WORKBENCH_LOG=all asks for it.

const NOISE = [
  /^\s+at /,
  /^Canceled/,
  /^\[(AgentHost|AgentHost:remote|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)\]/,
  /^(Creating a socket|Resolving connection token|Resolved connection token|Updating additional builtin)/,
];

const showAll = process.env.TWIN_CHAT_WORKBENCH_LOG === 'all';

/** Formats console arguments the way Node's console would (`%s`, `%d` substitutions). */
export function formatConsoleArgs(args: unknown[]): string {
  return format(...args);
}

export function printWorkbenchLog(type: string, args: unknown[]): void {
  const text = formatConsoleArgs(args);
  const lines = text.split('\n').filter((line) => showAll || !NOISE.some((re) => re.test(line)));
  if (lines.length === 0) return;
  (type === 'error' ? console.error : console.log)(lines.join('\n'));
}
