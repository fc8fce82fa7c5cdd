// What the extension-host entries that watch memory share (upload.ts, answerCap.ts): sampling
// this process's memory, reducing the samples, and reading the settings the bench passes in.

const SAMPLE_EVERY_MS = 10;

export type Memory = Pick<NodeJS.MemoryUsage, 'rss' | 'heapUsed' | 'external'>;

/** An environment variable the bench process set for this run. */
export function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Samples process.memoryUsage() every 10 ms until stopped. */
export function sample(): { stop(): Memory[] } {
  const samples: Memory[] = [];
  const take = (): void => {
    const { rss, heapUsed, external } = process.memoryUsage();
    samples.push({ rss, heapUsed, external });
  };
  take();
  const timer = setInterval(take, SAMPLE_EVERY_MS);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

export function reduce(samples: Memory[], pick: (values: number[]) => number): Memory {
  const of = (key: keyof Memory): number => pick(samples.map((s) => s[key]));
  return { rss: of('rss'), heapUsed: of('heapUsed'), external: of('external') };
}

export const max = (values: number[]): number => Math.max(...values);
export const middle = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
