import { INDEX_DELAY_MS } from '../../src/chat/store/searchIndexKeeper';

/**
 * Twin Chat indexes a conversation for search once its saves have rested for `INDEX_DELAY_MS`
 * and no answer streams (src/chat/store/searchIndexKeeper.ts). The latency benches alternate
 * pipelines in one extension host, so a Twin Chat run is followed by that wait and a margin for
 * the indexing itself before the next starts: otherwise Twin Chat's indexing would stall the run
 * after it, which half the time is the bare pipeline's. (The concurrent bench waits after every
 * step, the latency bench only after Twin Chat's.)
 */
const AFTER_ANSWER_MS = INDEX_DELAY_MS + 500;

/** Resolves once the work Twin Chat leaves for after an answer has had its time. */
export function afterAnswerWork(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, AFTER_ANSWER_MS));
}
