import type { ChatSessionsDeps } from '../../../src/chat/chatSessions';
import type { ChatEvent, ChatProvider, SendRequest } from '../../../src/providers/types';
import type { ProviderId } from '../../../src/shared/providers';
import { ChatFixture } from './chatFixture';

/** What a watched provider saw of one send: whether the caller aborted it and closed its stream. */
export interface SendWatch {
  aborted: boolean;
  /** The provider's event stream was closed (finished or returned early) by its consumer. */
  closed: boolean;
}

/**
 * The chat fixture with the limits a host may pass (answer cap, attachment limit) and providers
 * that record whether each send was aborted, so a test can see the request really ended.
 */
export class LimitsFixture extends ChatFixture {
  readonly sends: SendWatch[] = [];
  limits: Pick<ChatSessionsDeps, 'maxAnswerSizeMB' | 'attachmentMaxBytes'> = {};
  streamingOn = true;

  private watched(kind: ProviderId): ChatProvider {
    const real = this.providers[kind];
    const sends = this.sends;
    return {
      ...real,
      id: real.id,
      listTargets: (signal) => real.listTargets(signal),
      checkConnection: (signal) => real.checkConnection(signal),
      async *send(request: SendRequest, signal: AbortSignal): AsyncGenerator<ChatEvent> {
        const watch: SendWatch = { aborted: false, closed: false };
        sends.push(watch);
        signal.addEventListener('abort', () => (watch.aborted = true), { once: true });
        try {
          yield* real.send(request, signal);
        } finally {
          watch.closed = true;
        }
      },
    };
  }

  override deps(dir = this.dir): ChatSessionsDeps {
    return {
      ...super.deps(dir),
      provider: (kind) => this.watched(kind),
      streaming: () => this.streamingOn,
      ...this.limits,
    };
  }
}
