// CLI: `npm run simulator -- --port 0 [flags]`. Prints its base URL on the first line (scripts
// parse it), then the credentials and base URLs to configure, then one line per request.
import { parseArgs } from 'node:util';
import { ConfigError, MIB, parseConfigPatch, parseFault } from './config';
import { DEMO_CREDENTIALS, startSimulator, type SimulatorConfig } from './server';

const HELP = `Usage: npm run simulator -- [options]
  --port N              port on 127.0.0.1 (0 = any free port; default 0)
  --token-delay-ms N    pause between answer deltas (default 5)
  --max-upload-mb N     KamiMind upload limit per request (default 50)
  --twins N             number of TwinExpert twins (default 5)
  --te-sse named|typed|both          TwinExpert SSE framing (default named)
  --te-done             end TwinExpert streams with data: [DONE]
  --te-json assistantMessage|content non-streaming answer shape
  --te-errors nest|documented        TwinExpert error body (default nest)
  --km-stream raw|sse|ndjson|json    KamiMind streaming format (default raw); also
             envelopes[Done]|snapshots[Done]  NDJSON of bare envelopes, chunks or snapshots
  --km-bot-actor NAME   actor of bot history items (default BOT)
  --fault JSON          a Fault, e.g. '{"kind":"stallMidStream","afterDeltas":3}'
  --fault-once          apply --fault to the first matching request only
  --fault-match TEXT    apply the fault only where "METHOD /path" ends with TEXT
  --answers topical|fixed            the demo's answers (default) or the tests' fixed one
  --config JSON         any Partial<SimulatorConfig>
  --quiet               do not log requests`;

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '0' },
      'token-delay-ms': { type: 'string' },
      'max-upload-mb': { type: 'string' },
      twins: { type: 'string' },
      'te-sse': { type: 'string' },
      'te-done': { type: 'boolean' },
      'te-json': { type: 'string' },
      'te-errors': { type: 'string' },
      'km-stream': { type: 'string' },
      'km-bot-actor': { type: 'string' },
      fault: { type: 'string' },
      'fault-once': { type: 'boolean' },
      'fault-match': { type: 'string' },
      answers: { type: 'string', default: 'topical' },
      config: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  return values;
}

function toInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0)
    throw new ConfigError(`--${name} must be a non-negative integer`);
  return n;
}

function configFrom(values: ReturnType<typeof parseCli>): Partial<SimulatorConfig> {
  const raw: Record<string, unknown> = values.config
    ? (JSON.parse(values.config) as Record<string, unknown>)
    : {};
  raw.answerStyle ??= values.answers; // a person runs this: the demo answers, unless told otherwise
  if (values['te-sse']) raw.teSseStyle = values['te-sse'];
  if (values['te-done']) raw.teDone = true;
  if (values['te-json']) raw.teJsonShape = values['te-json'];
  if (values['te-errors']) raw.teErrorEnvelope = values['te-errors'];
  if (values['km-stream']) raw.kmStreamStyle = values['km-stream'];
  if (values['km-bot-actor']) raw.kmBotActor = values['km-bot-actor'];
  if (values.fault) raw.fault = parseFault(JSON.parse(values.fault));
  if (values['fault-once']) raw.faultOnce = true;
  if (values['fault-match']) raw.faultMatch = values['fault-match'];
  return parseConfigPatch(raw);
}

async function main(): Promise<void> {
  const values = parseCli(process.argv.slice(2));
  if (values.help) return void console.log(HELP);
  const uploadMb = toInt('max-upload-mb', values['max-upload-mb']);
  const simulator = await startSimulator({
    port: toInt('port', values.port) ?? 0,
    tokenDelayMs: toInt('token-delay-ms', values['token-delay-ms']),
    maxUploadBytes: uploadMb === undefined ? undefined : uploadMb * MIB,
    twinCount: toInt('twins', values.twins),
    config: configFrom(values),
    log: values.quiet ? undefined : (line) => console.log(line),
  });
  console.log(`Twin Chat simulator listening on ${simulator.url}`);
  console.log(
    `  TwinExpert base URL (twinChat.twinExpert.baseUrl): ${simulator.twinExpertBaseUrl}`,
  );
  console.log(`  KamiMind base URL   (twinChat.kamiMind.baseUrl):   ${simulator.kamiMindBaseUrl}`);
  console.log(`  TwinExpert API key (full_access): ${DEMO_CREDENTIALS.twinExpertApiKey}`);
  console.log(`  TwinExpert API key (read_only):   ${DEMO_CREDENTIALS.twinExpertReadOnlyKey}`);
  console.log(`  KamiMind bearer token:            ${DEMO_CREDENTIALS.kamiMindToken}`);
  console.log(`  KamiMind bot token:               ${DEMO_CREDENTIALS.kamiMindBotToken}`);
  console.log(
    `  Admin: GET ${simulator.url}/__sim/requests, POST ${simulator.url}/__sim/config, POST ${simulator.url}/__sim/reset`,
  );
  const shutdown = (signal: string) => {
    console.log(`${signal}: stopping simulator`);
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(HELP);
  process.exit(2);
});
