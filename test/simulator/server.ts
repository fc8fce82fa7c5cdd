// The simulator's public entry point: one node:http server on 127.0.0.1 that speaks TwinExpert
// (under /api/v1) and KamiMind (at the root), plus /__sim/ admin routes. Tests start it in-process
// with startSimulator(); the CLI (main.ts) wraps the same function.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import {
  ConfigError,
  defaultConfig,
  parseConfigPatch,
  parseFault,
  parseJsonHeader,
} from './config';
import { isOwnHost } from './guard';
import { drain, flattenHeaders, parseQuery, sendJson, type Exchange } from './http';
import { KamiMindApi, isKamiMindPath } from './kamiMind';
import { RateLimiter } from './rateLimit';
import { StartGate } from './startGate';
import { TwinExpertApi, TE_PREFIX } from './twinExpert';
import { TwinExpertStore } from './teStore';
import type {
  Fault,
  KmStorySeed,
  RecordedRequest,
  Simulator,
  SimulatorConfig,
  SimulatorOptions,
  TeConversationSeed,
} from './types';

export { DEMO_CREDENTIALS } from './credentials';
export type {
  DeltaTime,
  Fault,
  FaultKind,
  KmStorySeed,
  KmStoryShape,
  KmStreamStyle,
  RecordedFile,
  RecordedRequest,
  Simulator,
  SimulatorConfig,
  SimulatorOptions,
  StartGateOutcome,
  TeErrorEnvelope,
  TeConversationSeed,
  TeJsonShape,
  TeListShape,
  TeRateLimitReset,
  TeSseStyle,
  TeTwinShape,
} from './types';

const DEFAULT_TWINS = 5;
/** The request log keeps the newest requests only, so a long run cannot grow it without end. */
export const MAX_RECORDED_REQUESTS = 1000;

class SimulatorServer implements Simulator {
  readonly requests: RecordedRequest[] = [];
  private current: SimulatorConfig;
  private te: TwinExpertApi;
  private km = new KamiMindApi();
  private readonly rate = new RateLimiter();
  private readonly startGate = new StartGate();
  private readonly stopping = new AbortController();
  private port = 0;

  constructor(
    private readonly server: Server,
    private readonly options: SimulatorOptions,
  ) {
    this.current = this.initialConfig();
    this.te = new TwinExpertApi(new TwinExpertStore(options.twinCount ?? DEFAULT_TWINS), this.rate);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get twinExpertBaseUrl(): string {
    return `${this.url}${TE_PREFIX}`;
  }
  get kamiMindBaseUrl(): string {
    return this.url;
  }
  get config(): SimulatorConfig {
    return { ...this.current };
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  configure(patch: Partial<SimulatorConfig>): void {
    this.current = { ...this.current, ...parseConfigPatch(patch) };
    this.startGate.reconsider(this.current.startTogether);
  }

  /** Forgets requests, conversations, stories and rate counters; restores the start-up config. */
  reset(): void {
    this.requests.length = 0;
    this.current = this.initialConfig();
    this.rate.clear();
    this.te = new TwinExpertApi(
      new TwinExpertStore(this.options.twinCount ?? DEFAULT_TWINS),
      this.rate,
    );
    this.km = new KamiMindApi();
    this.startGate.releaseAll('reconfigured');
  }

  seedTwinExpertConversation(seed: TeConversationSeed): string {
    return this.te.store.seedConversation(seed.twinId, seed.title, seed.messages).id;
  }

  seedKamiMindStory(seed: KmStorySeed): string {
    return this.km.store.seedStory(seed.botToken, seed.storyName, seed.turns).storyId;
  }

  async stop(): Promise<void> {
    this.stopping.abort(); // ends stalled streams and paced writers
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private initialConfig(): SimulatorConfig {
    const base = defaultConfig();
    if (this.options.tokenDelayMs !== undefined) base.tokenDelayMs = this.options.tokenDelayMs;
    if (this.options.maxUploadBytes !== undefined)
      base.maxUploadBytes = this.options.maxUploadBytes;
    return { ...base, ...parseConfigPatch(this.options.config ?? {}) };
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const started = Date.now();
    res.on('close', () => {
      this.options.log?.(
        `${req.method} ${req.url} -> ${res.statusCode} (${Date.now() - started} ms)`,
      );
    });
    this.dispatch(req, res).catch((error: unknown) => {
      // A bug in the simulator must look like a server error to the client, never crash the process.
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            statusCode: 500,
            message: String(error),
            error: 'Internal Server Error',
          }),
        );
      } else res.destroy();
    });
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isOwnHost(req.headers.host, this.port)) return refuseForeignHost(req, res);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const headers = flattenHeaders(req);
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: parseQuery(url.searchParams),
      headers,
    };
    const controller = new AbortController();
    res.on('close', () => controller.abort());
    const onStop = () => controller.abort();
    this.stopping.signal.addEventListener('abort', onStop, { once: true });
    res.on('close', () => this.stopping.signal.removeEventListener('abort', onStop));
    const base = {
      req,
      res,
      method,
      path: url.pathname,
      query: record.query,
      headers,
      record,
      signal: controller.signal,
      startGate: this.startGate,
    };
    if (url.pathname === ADMIN_PREFIX || url.pathname.startsWith(`${ADMIN_PREFIX}/`)) {
      return handleAdmin({ ...base, config: this.current, fault: undefined }, this);
    }
    this.remember(record);
    let effective: { config: SimulatorConfig; fault: Fault | undefined };
    try {
      effective = this.effective(method, url.pathname, headers);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      await drain(req);
      return sendJson({ ...base, config: this.current, fault: undefined }, 400, {
        error: error.message,
      });
    }
    await this.route({ ...base, ...effective });
  }

  private remember(record: RecordedRequest): void {
    this.requests.push(record);
    const excess = this.requests.length - MAX_RECORDED_REQUESTS;
    if (excess > 0) this.requests.splice(0, excess);
  }

  private async route(ex: Exchange): Promise<void> {
    if (ex.path === TE_PREFIX || ex.path.startsWith(`${TE_PREFIX}/`)) return this.te.handle(ex);
    if (isKamiMindPath(ex.path)) return this.km.handle(ex);
    await drain(ex.req);
    if (ex.path === '/' && ex.method === 'GET') {
      const info = {
        name: 'Twin Chat simulator',
        twinExpertBaseUrl: this.twinExpertBaseUrl,
        kamiMindBaseUrl: this.kamiMindBaseUrl,
      };
      return sendJson(ex, 200, info);
    }
    sendJson(ex, 404, {
      statusCode: 404,
      message: `Cannot ${ex.method} ${ex.path}`,
      error: 'Not Found',
    });
  }

  /** This request's config and fault: x-sim-* headers first, then the global (maybe one-shot) fault. */
  private effective(method: string, path: string, headers: Record<string, string>) {
    let config = this.current;
    let patch: Partial<SimulatorConfig> = {};
    if (headers['x-sim-config'] !== undefined) {
      patch = parseConfigPatch(parseJsonHeader('x-sim-config', headers['x-sim-config']));
      config = { ...config, ...patch };
    }
    if (headers['x-sim-fault'] !== undefined) {
      return { config, fault: parseFault(parseJsonHeader('x-sim-fault', headers['x-sim-fault'])) };
    }
    if ('fault' in patch) return { config, fault: patch.fault };
    const fault = this.current.fault;
    const match = this.current.faultMatch;
    if (!fault || (match !== undefined && !`${method} ${path}`.endsWith(match))) {
      return { config, fault: undefined };
    }
    if (this.current.faultOnce) this.current = { ...this.current, fault: undefined };
    return { config, fault };
  }
}

/** A page reached through DNS rebinding names another host; it gets nothing, not even the API. */
async function refuseForeignHost(req: IncomingMessage, res: ServerResponse): Promise<void> {
  await drain(req);
  const text = JSON.stringify({ error: 'Host must be this simulator (127.0.0.1 or localhost)' });
  res.writeHead(403, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(text);
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const server = createServer();
  const simulator = new SimulatorServer(server, options);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => simulator.handle(req, res));
  await simulator.listen(options.port ?? 0);
  return simulator;
}
