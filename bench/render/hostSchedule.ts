// When, and with how many deltas each, the extension posts chat/delta messages for an answer that
// the server sends as fast as it can: the real simulator (no pause between deltas), the real
// network client and the real DeltaCoalescer, timed in this process. The render benchmark replays
// this schedule in the webview, so "as fast as the simulator can send" means what it does in the
// extension, not a rate picked for the benchmark. Each post is taken at once here (the emit returns
// nothing), so the coalescer's flow control never holds text: the webview's own delay is what the
// render benchmark measures, not a guess at how late VS Code would deliver.
import { DeltaCoalescer } from '../../src/chat/deltaCoalescer';
import { createHttpClient } from '../../src/providers/http/client';
import { createTwinExpertProvider } from '../../src/providers/twinExpert';
import { DEMO_CREDENTIALS, startSimulator } from '../../test/simulator/server';

export interface HostPost {
  /** Milliseconds after the first post. */
  atMs: number;
  /** How many of the answer's deltas this post carries. */
  deltas: number;
}

export async function hostSchedule(deltaCount: number): Promise<HostPost[]> {
  const sim = await startSimulator({ port: 0, tokenDelayMs: 0 });
  const client = createHttpClient({
    connectTimeoutMs: 5_000,
    firstByteTimeoutMs: 30_000,
    idleTimeoutMs: 30_000,
  });
  try {
    sim.configure({
      fault: { kind: 'longAnswer', deltas: deltaCount },
      faultMatch: '/messages/stream',
    });
    const provider = createTwinExpertProvider({
      baseUrl: sim.twinExpertBaseUrl,
      getApiKey: () => Promise.resolve(DEMO_CREDENTIALS.twinExpertApiKey),
      http: client,
    });
    const posts: HostPost[] = [];
    let pending = 0;
    const coalescer = new DeltaCoalescer(() => {
      posts.push({ atMs: performance.now(), deltas: pending });
      pending = 0;
    });
    for await (const event of provider.send(
      { targetId: 'twin-typescript', text: 'as fast as you can', stream: true },
      new AbortController().signal,
    )) {
      if (event.type === 'error') throw new Error(event.error.message);
      if (event.type !== 'delta') continue;
      pending += 1;
      coalescer.push(event.text);
    }
    coalescer.flush();
    const total = posts.reduce((sum, p) => sum + p.deltas, 0);
    if (total !== deltaCount) throw new Error(`${total} of ${deltaCount} deltas were posted`);
    const start = posts[0]?.atMs ?? 0;
    return posts.map((p) => ({ atMs: p.atMs - start, deltas: p.deltas }));
  } finally {
    await client.close();
    await sim.stop();
  }
}
