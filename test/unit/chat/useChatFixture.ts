import * as assert from 'node:assert/strict';
import type { ChatSession } from '../../../src/chat/chatSession';
import { startSimulator, type Simulator } from '../../simulator/server';
import { ChatFixture } from './chatFixture';

export interface ChatHarness {
  sim: Simulator;
  fx: ChatFixture;
  chat: ChatSession;
}

export interface ChatHarnessOptions {
  /** The simulator's pace between deltas. */
  tokenDelayMs: number;
  /** Select the first twin before each test, for suites that only send. */
  selectTwin?: boolean;
}

/**
 * Mocha hooks for the chat controller against the simulator: one simulator per suite; a reset
 * simulator, a fresh fixture (own store folder) and a controller with its targets listed per test.
 */
export function useChatFixture(options: ChatHarnessOptions): () => ChatHarness {
  let sim: Simulator | undefined;
  let harness: ChatHarness | undefined;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: options.tokenDelayMs });
  });
  after(() => sim?.stop());
  beforeEach(async () => {
    if (!sim) throw new Error('the simulator did not start');
    sim.reset();
    const fx = new ChatFixture(sim);
    const chat = fx.session();
    await chat.shared.refreshTargets();
    if (options.selectTwin) await selectFirstTwin(chat);
    harness = { sim, fx, chat };
  });
  afterEach(() => harness?.fx.dispose());
  return () => {
    if (!harness) throw new Error('no chat fixture set up');
    return harness;
  };
}

export async function selectFirstTwin(chat: ChatSession): Promise<string> {
  const twin = chat.targetsView().targets.find((t) => t.provider === 'twinexpert');
  assert.ok(twin, 'the simulator lists twins');
  await chat.selectTarget(twin.key);
  return twin.key;
}
