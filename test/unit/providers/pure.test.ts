// Pure pieces that need no server: retry timing, error mapping, timestamps, redaction, decoders.
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { ProviderError, redactSecrets } from '../../../src/providers/errors';
import {
  abortableSleep,
  backoffDelay,
  isRetryableCode,
  parseRetryAfter,
  retryWaitMs,
} from '../../../src/providers/http/retry';
import { errorCode, transportError } from '../../../src/providers/http/transportErrors';
import { parseKamiMindTime } from '../../../src/providers/kamiMind/timestamps';
import { kmFailure, kmKind } from '../../../src/providers/kamiMind/envelope';
import { createLineDecoder } from '../../../src/providers/stream/lineDecoder';
import { runStream } from '../../../src/providers/stream/run';
import { createSseDecoder } from '../../../src/providers/stream/sseDecoder';
import { StreamFormatError } from '../../../src/providers/stream/types';
import { TWINEXPERT_SERVICE } from '../../../src/providers/twinExpert/service';
import { createTeStreamMapper } from '../../../src/providers/twinExpert/streamMapper';
import { collect } from './helpers';

const RETRY = { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };
const bytes = (text: string) => new TextEncoder().encode(text);

describe('retry policy', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('7', now), 7);
    assert.equal(parseRetryAfter(' 1.5 ', now), 1.5);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    // An HTTP date has whole seconds: one just passed means now, one in part of a second waits it.
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:00 GMT', now + 3), 0);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:01 GMT', now + 998), 1);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('backs off exponentially with jitter, never beyond the cap', () => {
    assert.equal(
      backoffDelay(1, RETRY, () => 0),
      50,
    );
    assert.equal(
      backoffDelay(1, RETRY, () => 1),
      100,
    );
    assert.equal(
      backoffDelay(3, RETRY, () => 1),
      400,
    );
    assert.equal(
      backoffDelay(20, RETRY, () => 1),
      1000,
    );
  });

  it('waits for a short Retry-After, refuses a long one', () => {
    assert.equal(retryWaitMs(1, 0.5, RETRY), 500);
    assert.equal(retryWaitMs(1, 5, RETRY), undefined);
  });

  it('resends a POST only when it never reached the server', () => {
    assert.equal(isRetryableCode('ECONNREFUSED', 'POST'), true);
    assert.equal(isRetryableCode('UND_ERR_CONNECT_TIMEOUT', 'POST'), true);
    assert.equal(isRetryableCode('ECONNRESET', 'POST'), false);
    assert.equal(isRetryableCode('ECONNRESET', 'GET'), true);
    assert.equal(isRetryableCode('UND_ERR_HEADERS_TIMEOUT', 'GET'), false);
  });

  it('a rate-limit wait ends at once when cancelled', async () => {
    // A one-minute wait outlives the suite's 20 s time-out: only the abort can end it in time.
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    setImmediate(() => controller.abort());
    await assert.rejects(sleeping, { kind: 'cancelled' });
  });
});

describe('transport errors', () => {
  it('matches on code, cause.code and AggregateError members, not classes', () => {
    assert.equal(errorCode({ code: 'UND_ERR_BODY_TIMEOUT' }), 'UND_ERR_BODY_TIMEOUT');
    assert.equal(
      errorCode(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })),
      'ECONNREFUSED',
    );
    assert.equal(
      errorCode(new AggregateError([Object.assign(new Error('x'), { code: 'EHOSTUNREACH' })])),
      'EHOSTUNREACH',
    );
  });

  it('maps time-outs, certificates, network failures and cancellation', () => {
    const kind = (error: unknown, signal?: AbortSignal) =>
      transportError(error, TWINEXPERT_SERVICE, signal).kind;
    assert.equal(kind({ code: 'UND_ERR_HEADERS_TIMEOUT' }), 'timeout');
    assert.equal(kind({ code: 'ECONNREFUSED' }), 'network');
    assert.equal(kind({ code: 'ECONNREFUSED' }, AbortSignal.abort()), 'cancelled');
    const tls = transportError(
      { code: 'SELF_SIGNED_CERT_IN_CHAIN' },
      TWINEXPERT_SERVICE,
      undefined,
    );
    assert.equal(tls.kind, 'network');
    assert.match(tls.userMessage, /http\.proxyStrictSSL/);
    assert.equal(
      transportError({ code: 'ENOTFOUND' }, TWINEXPERT_SERVICE, undefined).userMessage,
      'Could not reach TwinExpert. Check your connection or proxy settings (http.proxy).',
    );
  });

  it('redacts secrets from library messages', () => {
    const error = transportError(
      { code: 'X', message: 'bad header Bearer ak_secret123456' },
      TWINEXPERT_SERVICE,
      undefined,
      ['ak_secret123456'],
    );
    assert.ok(!error.message.includes('ak_secret123456'));
    assert.equal(redactSecrets('a ak_x1234 b', ['ak_x1234']), 'a *** b');
  });
});

describe('KamiMind envelopes and timestamps', () => {
  it('unwraps a message that is itself JSON with a code', () => {
    const failure = kmFailure({
      success: false,
      message: '{"code":"NOT_ENOUGH_AVAILABLE_MONEY","message":"Hết tiền"}',
    });
    assert.deepEqual(failure, { serverMessage: 'Hết tiền', code: 'NOT_ENOUGH_AVAILABLE_MONEY' });
    assert.equal(kmKind(200, 'NOT_ENOUGH_AVAILABLE_MONEY'), 'forbidden');
    assert.equal(kmKind(200, undefined), 'badRequest');
    assert.equal(kmKind(502, undefined), 'server');
    assert.equal(kmKind(401, 'INVALID_TOKEN'), 'auth');
  });

  it('reads both documented timestamp formats as UTC+7', () => {
    assert.equal(parseKamiMindTime('03/10/2025 10:39:15'), '2025-10-03T03:39:15.000Z');
    assert.equal(parseKamiMindTime('2025-10-03T10:39:14.399'), '2025-10-03T03:39:14.399Z');
    assert.equal(parseKamiMindTime('2025-10-03T10:39:14.399Z'), '2025-10-03T10:39:14.399Z');
    assert.equal(parseKamiMindTime('yesterday'), undefined);
  });
});

describe('decoders', () => {
  it('SSE: BOM, CRLF, comments and junk lines are tolerated', () => {
    const decoder = createSseDecoder();
    const wire =
      '\uFEFF: hi\r\nno colon\r\n\r\nevent: delta\r\ndata: {"content":"a"}\r\n\r\ndata: x\n\n';
    assert.deepEqual(
      decoder.feed(bytes(wire)).map((m) => [m.event, m.data]),
      [
        ['delta', '{"content":"a"}'],
        [undefined, 'x'],
      ],
    );
  });

  it('SSE: an event that never ends is a protocol error, not unbounded memory', async () => {
    const decoder = createSseDecoder(1000);
    assert.throws(() => decoder.feed(bytes('data: ' + 'x'.repeat(2000))), StreamFormatError);
    const body = Readable.from([
      bytes('data: ' + 'x'.repeat(20 * 1024 * 1024)),
    ]) as AsyncIterable<Uint8Array>;
    const events = await collect(
      runStream(body, createTeStreamMapper(TWINEXPERT_SERVICE), { service: TWINEXPERT_SERVICE }),
    );
    assert.equal(events.length, 1);
    assert.ok(events[0]?.type === 'error' && events[0].error.kind === 'protocol');
  });

  it('NDJSON: CRLF, blank lines and a last line without newline', () => {
    const decoder = createLineDecoder();
    assert.deepEqual(decoder.feed(bytes('{"a":1}\r\n\n{"b"')), ['{"a":1}']);
    assert.deepEqual(decoder.feed(bytes(':2}')), []);
    assert.deepEqual(decoder.end(), ['{"b":2}']);
  });

  it('ProviderError serialises without losing its fields', () => {
    const error = new ProviderError({
      kind: 'rateLimited',
      userMessage: 'Wait.',
      status: 429,
      retryAfterSeconds: 3,
      requestId: 'r1',
    });
    assert.deepEqual(JSON.parse(JSON.stringify(error)), {
      kind: 'rateLimited',
      status: 429,
      retryAfterSeconds: 3,
      requestId: 'r1',
      userMessage: 'Wait.',
      message: 'Wait.',
    });
  });
});
