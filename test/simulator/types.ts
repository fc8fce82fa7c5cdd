// The simulator's public types. They live apart from server.ts so every module can share them
// without import cycles; server.ts re-exports them as the one public entry point.

export type TeSseStyle = 'named' | 'typed' | 'both';
export type TeJsonShape = 'assistantMessage' | 'content';
export type TeErrorEnvelope = 'nest' | 'documented';
/** GET /twins, /conversations, /conversations/{id}/messages: see teShapes.ts. */
export type TeListShape = 'array' | 'items';
/** GET /twins/{id}: `{data: twin}`, the twin at the root, or `{data: {twin}}`. */
export type TeTwinShape = 'data' | 'bare' | 'nested';
/** X-RateLimit-Reset as Unix seconds (the docs' example) or as seconds until the reset. */
export type TeRateLimitReset = 'epoch' | 'seconds';
/**
 * KamiMind story history: one record per actor (the documented `documented`), or the 2023 app's
 * one record per turn carrying both `question` and `answer` (`paired`).
 */
export type KmStoryShape = 'documented' | 'paired';
/**
 * `envelopes*`: NDJSON where every line is the documented final envelope carrying one chunk;
 * `snapshots*`: the same envelope carrying the whole text so far. `*Done` adds a final marker
 * (`[DONE]` after chunks, a `done:true` snapshot after snapshots); without it the body just ends.
 */
export type KmStreamStyle =
  'raw' | 'sse' | 'ndjson' | 'json' | 'envelopes' | 'envelopesDone' | 'snapshots' | 'snapshotsDone';

export type Fault =
  | { kind: 'delayHeaders'; ms: number }
  | { kind: 'stallMidStream'; afterDeltas?: number }
  | { kind: 'resetMidStream'; afterDeltas?: number }
  | { kind: 'closeWithoutTerminal'; afterDeltas?: number }
  | { kind: 'errorEventMidStream'; afterDeltas?: number }
  | { kind: 'malformedSse' }
  | { kind: 'crlf' }
  | { kind: 'bom' }
  | { kind: 'heartbeats' }
  | { kind: 'oneByteChunks' }
  | { kind: 'rateLimit'; retryAfter: 'seconds' | 'date'; seconds: number }
  | { kind: 'httpError'; status: 500 | 502 | 503 } /* HTML body */
  | { kind: 'nonJson200' }
  | { kind: 'oversizedEvent'; bytes?: number }
  | { kind: 'longAnswer'; deltas: number }
  /** Deltas without a terminal event until the client leaves or `stopAfterMB` (default 256) went out. */
  | { kind: 'endlessStream'; stopAfterMB?: number };

export type FaultKind = Fault['kind'];

export interface SimulatorConfig {
  /** TwinExpert SSE framing: `event:` names, a JSON `type` field, or both. */
  teSseStyle: TeSseStyle;
  /** Whether a TwinExpert stream ends with an extra `data: [DONE]` after `complete`. */
  teDone: boolean;
  /** Non-streaming answer: data.assistantMessage.content or data.content. */
  teJsonShape: TeJsonShape;
  /** Observed NestJS filter body, or the envelope the docs describe. */
  teErrorEnvelope: TeErrorEnvelope;
  teListShape: TeListShape;
  teTwinShape: TeTwinShape;
  teRateLimitReset: TeRateLimitReset;
  kmStoryShape: KmStoryShape;
  /** KamiMind streaming=true answer format (json = the server ignores streaming). */
  kmStreamStyle: KmStreamStyle;
  /** Actor of bot history items (the real value is unknown). */
  kmBotActor: string;
  fault: Fault | undefined;
  /** Clear `fault` after the first request it applied to. */
  faultOnce: boolean;
  /** Plain text that "METHOD /path" must end with, e.g. "/stream"; unset = every API request. */
  faultMatch: string | undefined;
  /** Pause between answer deltas. */
  tokenDelayMs: number;
  /** Largest multipart body KamiMind accepts before answering 413. */
  maxUploadBytes: number;
  /** Largest JSON body TwinExpert accepts (body-parser style 413 beyond it). */
  teJsonLimitBytes: number;
  /** Requests per window for a full_access key, and for a read_only key (docs: 500 and 200). */
  teRateLimit: number;
  teRateLimitReadOnly: number;
  teRateLimitWindowSeconds: number;
  /** Send Retry-After with a 429 (off: the client has only X-RateLimit-Reset to go by). */
  teRetryAfterHeader: boolean;
  /** Expose GET /conversations/{id}/messages (undocumented), so clients can feature-detect it. */
  teMessageHistory: boolean;
  /** What a KamiMind send with an unknown story_id gets: DATA_NOT_FOUND, or a new story. */
  kmUnknownStory: 'error' | 'create';
  /** Send KamiMind failures as HTTP 200 with success:false (a common style), not 4xx/5xx. */
  kmErrorsAs200: boolean;
  /**
   * The account has no credits left: every KamiMind send is refused with the 2023 app's code
   * NOT_ENOUGH_AVAILABLE_MONEY and a Vietnamese message that echoes the token (so redaction shows).
   */
  kmOutOfCredits: boolean;
  /**
   * Record when each answer delta left for the socket (RecordedRequest.deltaTimes), for latency
   * benchmarks. Off by default: it adds a write callback and an array entry per delta.
   */
  recordDeltaTimes: boolean;
  /**
   * What answers say: 'fixed' (the default: one Vietnamese answer whatever is asked, which the
   * tests check) or 'topical' (the demo: the question's language, a canned answer on its topic).
   */
  answerStyle: AnswerStyle;
  /**
   * Hold every answer (TwinExpert messages and messages/stream, KamiMind response, streaming or
   * not) until this many wait, then release them together; 0 or 1: no hold. A stream is held after
   * its headers (and TwinExpert's `progress` event), a JSON answer before its headers.
   */
  startTogether: number;
  /**
   * Longest hold before an answer goes alone (default 30 s, under the clients' 60 s first-byte
   * and idle time-outs, so a lone held request still succeeds).
   */
  startTogetherMaxHoldMs: number;
}

/** How a held answer went on: with the others, alone after the max hold, or neither. */
export type StartGateOutcome = 'together' | 'maxHold' | 'left' | 'reconfigured';

export type AnswerStyle = 'topical' | 'fixed';

/** When one answer delta was handed to the kernel: `index` in the answer's deltas, `at` in ms. */
export interface DeltaTime {
  index: number;
  /** Wall-clock milliseconds, `performance.timeOrigin + performance.now()`, taken in write's callback. */
  at: number;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  /** Kept only when the file is at most 1 MiB, so big uploads never sit in memory. */
  bytes?: Buffer;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  json?: unknown;
  fields?: Record<string, string>;
  files?: RecordedFile[];
  /** One entry per delta written, in order, when `recordDeltaTimes` is on for an answer stream. */
  deltaTimes?: DeltaTime[];
  /** Set for an answer held under `startTogether`: `waiting` while held, then how it was released. */
  startGate?: 'waiting' | StartGateOutcome;
}

export interface SimulatorOptions {
  port?: number;
  /** Default pace between deltas, about 5 ms. */
  tokenDelayMs?: number;
  /** Default 50 MiB. */
  maxUploadBytes?: number;
  /** How many twins GET /twins knows (default 5), for paging tests. */
  twinCount?: number;
  config?: Partial<SimulatorConfig>;
  /** Receives one line per finished request (the CLI prints them). */
  log?: (line: string) => void;
}

/** A conversation made outside Twin Chat (in TwinExpert's web app), for tests to find and open. */
export interface TeConversationSeed {
  twinId: string;
  title: string;
  messages: { role: 'user' | 'assistant'; content: string }[];
}

/** A KamiMind story made in KamiMind's own app: its turns, each a question and its answer. */
export interface KmStorySeed {
  botToken: string;
  storyName: string;
  turns: { question: string; answer: string }[];
}

export interface Simulator {
  readonly url: string;
  readonly requests: RecordedRequest[];
  configure(config: Partial<SimulatorConfig>): void;
  reset(): void;
  stop(): Promise<void>;
  /** Current effective configuration (a copy). */
  readonly config: SimulatorConfig;
  readonly twinExpertBaseUrl: string;
  readonly kamiMindBaseUrl: string;
  /** Stores a conversation as if made elsewhere; returns its id. Forgotten by reset(). */
  seedTwinExpertConversation(seed: TeConversationSeed): string;
  /** Stores a story as if made in KamiMind's app; returns its story id. Forgotten by reset(). */
  seedKamiMindStory(seed: KmStorySeed): string;
}
