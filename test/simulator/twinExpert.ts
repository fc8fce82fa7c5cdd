// TwinExpert under /api/v1, behaving like the NestJS server the docs and the one observed error
// describe: body parsing first, then routing (unknown route -> "Cannot GET ..."), then the API-key
// guard, the throttler and the scope check, then validation and the handler.
import { randomUUID } from 'node:crypto';
import { answerDeltas } from './answers';
import { checkTeKey, teKeyFrom } from './credentials';
import { applyPreResponseFault } from './faults';
import { BodyTooLargeError, drain, readBody, sendJson, sleep, type Exchange } from './http';
import { RateLimiter, rateHeaders } from './rateLimit';
import { runStream, sendJsonWithFaults } from './stream';
import { sendTeError, type TeError } from './teErrors';
import { conversationSummary, type Conversation, type TwinExpertStore } from './teStore';
import { listBody, twinBody, type ListKind } from './teShapes';
import { teSseEncoder } from './teStream';

export const TE_PREFIX = '/api/v1';

type Scope = 'read_only' | 'full_access';

interface Call {
  ex: Exchange;
  params: string[];
  body: Record<string, unknown>;
  headers: Record<string, string>;
  store: TwinExpertStore;
}

interface Route {
  method: string;
  pattern: RegExp;
  scope: Scope;
  handle(call: Call): Promise<void> | void;
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: /^\/twins$/, scope: 'read_only', handle: listTwins },
  { method: 'GET', pattern: /^\/twins\/([^/]+)$/, scope: 'read_only', handle: getTwin },
  // 5.3 prints "POST /twins/{id}" for creating a conversation; almost surely a docs slip, kept as alias.
  {
    method: 'POST',
    pattern: /^\/twins\/([^/]+)$/,
    scope: 'full_access',
    handle: createConversation,
  },
  {
    method: 'POST',
    pattern: /^\/conversations$/,
    scope: 'full_access',
    handle: createConversation,
  },
  { method: 'GET', pattern: /^\/conversations$/, scope: 'read_only', handle: listConversations },
  {
    method: 'GET',
    pattern: /^\/conversations\/([^/]+)$/,
    scope: 'read_only',
    handle: getConversation,
  },
  {
    method: 'GET',
    pattern: /^\/conversations\/([^/]+)\/messages$/,
    scope: 'read_only',
    handle: listMessages,
  },
  {
    method: 'POST',
    pattern: /^\/conversations\/([^/]+)\/messages$/,
    scope: 'full_access',
    handle: sendMessage,
  },
  {
    method: 'POST',
    pattern: /^\/conversations\/([^/]+)\/messages\/stream$/,
    scope: 'full_access',
    handle: streamMessage,
  },
];

export class TwinExpertApi {
  constructor(
    readonly store: TwinExpertStore,
    private readonly rate: RateLimiter,
  ) {}

  async handle(ex: Exchange): Promise<void> {
    const body = await readJsonBody(ex);
    if (body === undefined) return;
    if (await applyPreResponseFault(ex, writeFaultRateLimit)) return;
    // Express routing ignores one trailing slash (strict routing is off in NestJS).
    const sub = ex.path.slice(TE_PREFIX.length).replace(/(.)\/$/, '$1');
    const match = findRoute(ex.method, sub);
    if (!match) return notFoundRoute(ex);
    const headers = this.guard(ex, match.route.scope);
    if (!headers) return;
    await match.route.handle({ ex, params: match.params, body, headers, store: this.store });
  }

  /** API-key guard, throttler and scope check; returns the rate headers, or undefined if refused. */
  private guard(ex: Exchange, scope: Scope): Record<string, string> | undefined {
    const { config } = ex;
    const auth = checkTeKey(teKeyFrom(ex.headers));
    if (!auth.ok) {
      const peek = this.rate.take(
        'anonymous',
        config.teRateLimit,
        config.teRateLimitWindowSeconds,
        false,
      );
      sendTeError(
        ex,
        { status: 401, message: auth.message, code: auth.code },
        rateHeaders(peek, config.teRateLimitReset),
      );
      return undefined;
    }
    const limit = auth.scope === 'read_only' ? config.teRateLimitReadOnly : config.teRateLimit;
    const state = this.rate.take(auth.key, limit, config.teRateLimitWindowSeconds);
    const headers = rateHeaders(state, config.teRateLimitReset);
    if (!state.allowed) {
      const retryAfter = String(state.retryAfterSeconds);
      const refusal = config.teRetryAfterHeader
        ? { ...headers, 'Retry-After': retryAfter }
        : headers;
      writeRateLimited(ex, refusal, state.retryAfterSeconds);
      return undefined;
    }
    if (scope === 'full_access' && auth.scope === 'read_only') {
      const message = 'This API key has read_only scope; full_access is required';
      sendTeError(ex, { status: 403, message, code: 'INSUFFICIENT_PERMISSIONS' }, headers);
      return undefined;
    }
    return headers;
  }
}

function findRoute(method: string, sub: string): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    const m = route.method === method ? route.pattern.exec(sub) : null;
    if (m) return { route, params: m.slice(1).map(safeDecode) };
  }
  return undefined;
}

/** A malformed %-escape is kept as typed, so it ends as a 404 instead of a crash. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function notFoundRoute(ex: Exchange): void {
  sendTeError(ex, { status: 404, message: `Cannot ${ex.method} ${ex.path}`, code: 'NOT_FOUND' });
}

function writeRateLimited(ex: Exchange, headers: Record<string, string>, seconds: number): void {
  const message =
    ex.config.teErrorEnvelope === 'nest'
      ? 'ThrottlerException: Too Many Requests'
      : 'Vượt quá giới hạn tần suất gọi API';
  sendTeError(
    ex,
    { status: 429, message, code: 'RATE_LIMIT_EXCEEDED', retryAfter: seconds },
    headers,
  );
}

function writeFaultRateLimit(ex: Exchange, headers: Record<string, string>, seconds: number): void {
  const reset = Math.ceil(Date.now() / 1000) + seconds;
  writeRateLimited(
    ex,
    {
      'X-RateLimit-Limit': String(ex.config.teRateLimit),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(reset),
      'X-RateLimit-Window': String(ex.config.teRateLimitWindowSeconds),
      ...headers,
    },
    seconds,
  );
}

/** body-parser semantics: JSON only when declared, 413 beyond the limit, 400 with the parser's message. */
async function readJsonBody(ex: Exchange): Promise<Record<string, unknown> | undefined> {
  const isJson = /\bjson\b/i.test(ex.headers['content-type'] ?? '');
  if (!isJson) {
    await drain(ex.req);
    return {};
  }
  let raw: Buffer;
  try {
    raw = await readBody(ex.req, ex.config.teJsonLimitBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendTeError(ex, {
      status: 413,
      message: 'request entity too large',
      code: 'PAYLOAD_TOO_LARGE',
    });
    return undefined;
  }
  if (raw.length === 0) return {};
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    ex.record.json = parsed;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch (error) {
    sendTeError(ex, { status: 400, message: (error as Error).message, code: 'INVALID_FORMAT' });
    return undefined;
  }
}

/** class-validator style messages for page/limit. */
function paging(query: Record<string, string>): { page: number; limit: number } | string[] {
  const errors: string[] = [];
  const read = (name: string, fallback: number, max?: number): number => {
    const raw = query[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw)) errors.push(`${name} must be an integer number`);
    else if (n < 1) errors.push(`${name} must not be less than 1`);
    else if (max !== undefined && n > max) errors.push(`${name} must not be greater than ${max}`);
    return n;
  };
  const page = read('page', 1);
  const limit = read('limit', 20, 100);
  return errors.length > 0 ? errors : { page, limit };
}

function paged<T>(call: Call, kind: ListKind, items: T[], map: (item: T) => unknown): void {
  const p = paging(call.ex.query);
  if (Array.isArray(p)) {
    return sendTeError(
      call.ex,
      { status: 400, message: p, code: 'INVALID_PARAMETER' },
      call.headers,
    );
  }
  const slice = items.slice((p.page - 1) * p.limit, p.page * p.limit).map(map);
  const meta = {
    page: p.page,
    limit: p.limit,
    total: items.length,
    totalPages: Math.ceil(items.length / p.limit),
  };
  sendJson(call.ex, 200, listBody(call.ex.config.teListShape, kind, slice, meta), call.headers);
}

function listTwins(call: Call): void {
  paged(call, 'twins', call.store.twins, (t) => t);
}

function getTwin(call: Call): void {
  const twin = call.store.twin(call.params[0] ?? '');
  if (!twin) return twinNotFound(call);
  sendJson(call.ex, 200, twinBody(call.ex.config.teTwinShape, twin), call.headers);
}

function twinNotFound(call: Call): void {
  sendTeError(
    call.ex,
    { status: 404, message: 'Twin not found', code: 'TWIN_NOT_FOUND' },
    call.headers,
  );
}

function createConversation(call: Call): void {
  const { body } = call;
  const twinId = call.params[0] ?? body.twinId;
  const errors: string[] = [];
  if (typeof twinId !== 'string' || twinId === '')
    errors.push('twinId should not be empty', 'twinId must be a string');
  if (body.title !== undefined && typeof body.title !== 'string')
    errors.push('title must be a string');
  if (errors.length > 0 || typeof twinId !== 'string') {
    return sendTeError(
      call.ex,
      { status: 400, message: errors, code: 'MISSING_REQUIRED_FIELD' },
      call.headers,
    );
  }
  if (!call.store.twin(twinId)) return twinNotFound(call);
  const title = typeof body.title === 'string' ? body.title : undefined;
  const conversation = call.store.createConversation(twinId, title);
  sendJson(call.ex, 201, { success: true, data: conversationSummary(conversation) }, call.headers);
}

function listConversations(call: Call): void {
  const conversations = call.store.listConversations(call.ex.query.twinId);
  paged(call, 'conversations', conversations, conversationSummary);
}

function findConversation(call: Call): Conversation | undefined {
  const conversation = call.store.conversation(call.params[0] ?? '');
  if (!conversation) {
    const error: TeError = {
      status: 404,
      message: 'Conversation not found',
      code: 'CONVERSATION_NOT_FOUND',
    };
    sendTeError(call.ex, error, call.headers);
  }
  return conversation;
}

function getConversation(call: Call): void {
  const conversation = findConversation(call);
  if (conversation)
    sendJson(
      call.ex,
      200,
      { success: true, data: conversationSummary(conversation) },
      call.headers,
    );
}

function listMessages(call: Call): void {
  // The history endpoint is undocumented; off by default so clients exercise their 404 fallback.
  if (!call.ex.config.teMessageHistory) return notFoundRoute(call.ex);
  const conversation = findConversation(call);
  if (conversation) paged(call, 'messages', conversation.messages, (m) => m);
}

/** Validates `content` and records the user's message; undefined when a response was already sent. */
function acceptMessage(call: Call): { conversation: Conversation; content: string } | undefined {
  const content = call.body.content;
  if (typeof content !== 'string' || content.trim() === '') {
    const message = ['content should not be empty', 'content must be a string'];
    sendTeError(call.ex, { status: 400, message, code: 'MISSING_REQUIRED_FIELD' }, call.headers);
    return undefined;
  }
  const conversation = findConversation(call);
  if (!conversation) return undefined;
  call.store.addMessage(conversation, 'user', content);
  return { conversation, content };
}

function answerInput(call: Call, conversation: Conversation, content: string) {
  const twin = call.store.twin(conversation.twinId);
  return {
    question: content,
    speaker: { kind: 'twin' as const, name: twin?.name ?? conversation.twinId },
    turn: call.store.turn(conversation),
  };
}

async function sendMessage(call: Call): Promise<void> {
  const accepted = acceptMessage(call);
  if (!accepted) return;
  const { conversation, content } = accepted;
  const deltas = answerDeltas(
    answerInput(call, conversation, content),
    call.ex.config.answerStyle,
    call.ex.fault,
  );
  // A synchronous LLM call takes a while; the pace stands in for it (capped to keep tests quick).
  await sleep(Math.min(deltas.length * call.ex.config.tokenDelayMs, 1000), call.ex.signal);
  const reply = call.store.addMessage(conversation, 'assistant', deltas.join(''));
  const userMessage = conversation.messages.at(-2);
  const data =
    call.ex.config.teJsonShape === 'assistantMessage'
      ? { conversationId: conversation.id, userMessage, assistantMessage: reply }
      : { ...reply, conversationId: conversation.id };
  await sendJsonWithFaults(call.ex, 201, { success: true, data }, call.headers);
}

async function streamMessage(call: Call): Promise<void> {
  const accepted = acceptMessage(call);
  if (!accepted) return;
  const { conversation, content } = accepted;
  const deltas = answerDeltas(
    answerInput(call, conversation, content),
    call.ex.config.answerStyle,
    call.ex.fault,
  );
  const messageId = `msg_${randomUUID()}`;
  const encoder = teSseEncoder({
    style: call.ex.config.teSseStyle,
    done: call.ex.config.teDone,
    conversationId: conversation.id,
    messageId,
    createdAt: new Date().toISOString(),
  });
  if (await runStream(call.ex, encoder, deltas, call.headers)) {
    call.store.addMessage(conversation, 'assistant', deltas.join(''), messageId);
  }
}
