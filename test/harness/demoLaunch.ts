import type { SimulatorConfig } from '../simulator/types';

// How `npm start` sets up its demo, shared with the e2e suite so that it tests the same thing:
// the simulator answers like a demo, and VS Code is told where that demo is.

/** Answers on the question's topic, in its language (the tests' fixed answer is the default). */
export const DEMO_SIMULATOR_CONFIG: Partial<SimulatorConfig> = { answerStyle: 'topical' };

/** The environment that tells Twin Chat which demo server `npm start` started for it. */
export function demoEnv(simulatorUrl: string): NodeJS.ProcessEnv {
  return { TWIN_CHAT_DEMO_URL: simulatorUrl };
}
