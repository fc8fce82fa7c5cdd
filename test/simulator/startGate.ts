// Holds answer requests until `startTogether` of them wait, then lets them all go at once. A test
// of two answers streaming side by side then does not depend on when each client happened to ask
// (on a loaded machine two tabs can open seconds apart): neither answer can end before both
// requests arrived. Bounded: a request waits at most `startTogetherMaxHoldMs`, so a lone request
// (the other client never asked) still gets its answer instead of hanging.
import type { Exchange } from './http';
import type { StartGateOutcome } from './types';

interface Waiter {
  release(outcome: StartGateOutcome): void;
}

export interface GateRules {
  /** How many waiting answer requests open the gate; below 2 nothing is held. */
  startTogether: number;
  startTogetherMaxHoldMs: number;
}

export class StartGate {
  private readonly waiting = new Set<Waiter>();

  /**
   * Resolves when this answer may start. Only answer requests call it, so only they are counted;
   * one whose client leaves while held is no longer counted and resolves at once.
   */
  pass(rules: GateRules, signal: AbortSignal): Promise<StartGateOutcome> | undefined {
    if (rules.startTogether < 2) return undefined;
    return new Promise((resolve) => {
      const waiter: Waiter = {
        release: (outcome) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', leave);
          this.waiting.delete(waiter);
          resolve(outcome);
        },
      };
      const leave = () => waiter.release('left');
      const timer = setTimeout(() => waiter.release('maxHold'), rules.startTogetherMaxHoldMs);
      this.waiting.add(waiter);
      signal.addEventListener('abort', leave, { once: true });
      if (signal.aborted) return leave();
      if (this.waiting.size >= rules.startTogether) this.releaseAll('together');
    });
  }

  /**
   * The configuration changed: requests held under a count that is now off (or already reached)
   * go, so resetting the option after a step never leaves an answer waiting for its max hold.
   */
  reconsider(startTogether: number): void {
    if (startTogether < 2 || this.waiting.size >= startTogether) this.releaseAll('reconfigured');
  }

  releaseAll(outcome: StartGateOutcome): void {
    for (const waiter of [...this.waiting]) waiter.release(outcome);
  }
}

/**
 * Holds an answer at its simulator's gate when `startTogether` asks for it, noting in the request's
 * record that it waited and how it went on, so a test can tell a release together from a max hold.
 */
export async function waitAtStartGate(ex: Exchange): Promise<void> {
  const passing = ex.startGate.pass(ex.config, ex.signal);
  if (!passing) return;
  ex.record.startGate = 'waiting';
  ex.record.startGate = await passing;
}
