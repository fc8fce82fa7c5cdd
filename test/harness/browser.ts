import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

// Debian's Chromium in a closed network: without the background-networking switches it keeps
// trying to reach Google and fills the log with refused connections.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** A headless Chromium with a fresh profile that is deleted on close. */
export async function launchChromium(
  executablePath: string,
  viewport = { width: 1280, height: 800 },
): Promise<BrowserContext> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  context.on('close', () => {
    // Chromium can still be writing into its profile as the context closes (seen in CI as
    // ENOTEMPTY): retry, and never let a leftover temporary folder fail the run.
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch (error) {
      console.warn(`Could not remove the Chromium profile ${profile}: ${String(error)}`);
    }
  });
  return context;
}
