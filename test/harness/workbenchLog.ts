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

export function printWorkbenchLog(type: string, args: unknown[]): void {
  // The arguments of a console call, formatted the way Node's console would (`%s`, `%d`).
  const text = format(...args);
  const lines = text.split('\n').filter((line) => showAll || !NOISE.some((re) => re.test(line)));
  if (lines.length === 0) return;
  (type === 'error' ? console.error : console.log)(lines.join('\n'));
}
