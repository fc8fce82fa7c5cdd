// A server, or a proxy in front of it, may keep a stream's connection alive with SSE comments or
// blank NDJSON lines while no answer comes. undici's idle time-out (bodyTimeout) counts bytes, so
// keep-alives reset it and such an answer would wait for ever. This measures the time between
// answer events instead, against the same idle time-out.

export interface AnswerSilence {
  /** The idle time-out (HttpOptions.idleTimeoutMs). */
  timeoutMs: number;
  /** Closes the connection, so a read that waits for the next byte ends. */
  release: () => void;
}

export interface SilenceWatch {
  /** Starts the time allowed until the next event again. */
  restart(): void;
  /** Stops counting: while the consumer holds an event, and after the stream ended. */
  stop(): void;
  /** The time ran out, and the connection was released for that reason. */
  readonly expired: boolean;
}

export function watchSilence(silence: AnswerSilence | undefined): SilenceWatch {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let expired = false;
  const stop = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return {
    restart: () => {
      stop();
      if (!silence || expired) return;
      timer = setTimeout(() => {
        expired = true;
        silence.release();
      }, silence.timeoutMs);
    },
    stop,
    get expired() {
      return expired;
    },
  };
}
