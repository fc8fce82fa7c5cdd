// Drives a body through a StreamMapper and guarantees the ChatProvider promise: exactly one
// terminal event, partial text kept on failure, and a body that ends without a terminal event is
// reported as cut off, never as success.
import { cutOffError, providerError, type ServiceInfo } from '../messages';
import { ProviderError } from '../errors';
import type { ChatEvent } from '../types';
import { watchSilence, type AnswerSilence } from './silence';
import { StreamFormatError, isTerminal, type StreamMapper } from './types';
import { localized } from '../../shared/localized';

export interface RunStreamContext {
  service: ServiceInfo;
  requestId?: string;
  /** Ends a stream whose connection stays alive while no event comes (silence.ts). */
  silence?: AnswerSilence;
}

export function toProviderError(error: unknown, context: RunStreamContext): ProviderError {
  if (error instanceof ProviderError) return error;
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof StreamFormatError) {
    return providerError('protocol', context.service, {
      detail,
      requestId: context.requestId,
      serverMessage: localized('an event was too large'),
    });
  }
  return providerError('protocol', context.service, { detail, requestId: context.requestId });
}

/**
 * A stream that ends as complete without a word of text was misread (its text in fields no one
 * here knows) or is empty: either way it is no answer to show as finished.
 */
function withText(event: ChatEvent, context: RunStreamContext): ChatEvent {
  if (event.type !== 'complete' || event.text.trim() !== '') return event;
  const error = providerError('protocol', context.service, {
    requestId: context.requestId,
    serverMessage: localized('an answer without any text'),
    detail: `${context.service.name} stream completed with no text`,
  });
  return { type: 'error', error, partialText: '' };
}

/** Said as the time-out it is: keep-alives only, so the server was reached but did not answer. */
function silenceError(context: RunStreamContext): ProviderError {
  const seconds = (context.silence?.timeoutMs ?? 0) / 1000;
  return providerError('timeout', context.service, {
    requestId: context.requestId,
    detail: `${context.service.name} stream sent no event for ${seconds} s, only keep-alives`,
  });
}

export async function* runStream(
  body: AsyncIterable<Uint8Array>,
  mapper: StreamMapper,
  context: RunStreamContext,
): AsyncGenerator<ChatEvent> {
  const silence = watchSilence(context.silence);
  silence.restart();
  try {
    for await (const chunk of body) {
      for (const event of mapper.feed(chunk)) {
        // The consumer's time with an event is not the server's silence.
        silence.stop();
        yield withText(event, context);
        // Returning closes the body iterator, which frees the socket.
        if (isTerminal(event)) return;
        silence.restart();
      }
    }
    if (silence.expired) throw silenceError(context);
    for (const event of mapper.end()) {
      yield withText(event, context);
      if (isTerminal(event)) return;
    }
    yield {
      type: 'error',
      error: cutOffError(context.service, context.requestId),
      partialText: mapper.partialText,
    };
  } catch (error) {
    yield {
      type: 'error',
      // Releasing the connection made the read fail; the reason is the silence, not the network.
      error: silence.expired ? silenceError(context) : toProviderError(error, context),
      partialText: mapper.partialText,
    };
  } finally {
    silence.stop();
  }
}
