import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { NetworkClientModule } from '../../src/config/clientLoader';
import { ProviderError } from '../../src/providers/errors';
import { translateWith } from '../../src/shared/localized';
import { vietnameseTranslate } from './vietnameseBundle';

// The extension loads the network client as its own bundle (dist/client.js), so errors it throws
// are instances of that bundle's copy of ProviderError. The host must still recognise them.

const root = path.resolve(__dirname, '..', '..', '..');

/** The network client as the extension loads it, with a TwinExpert provider that has no key. */
function keylessProvider() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const client = require(path.join(root, 'dist', 'client.js')) as NetworkClientModule;
  const http = client.createHttpClient({
    connectTimeoutMs: 1000,
    firstByteTimeoutMs: 1000,
    idleTimeoutMs: 1000,
  });
  const provider = client.createTwinExpertProvider({
    baseUrl: 'http://127.0.0.1:9/api/v1',
    getApiKey: () => Promise.resolve(undefined),
    http,
  });
  return { http, provider };
}

describe('the network client bundle (dist/client.js)', () => {
  it('says why it failed in the language the host installed, across the two bundles', async () => {
    // The host installs vscode.l10n.t from dist/extension.js; the sentence is built in the
    // client bundle's own copy of src/shared/localized.ts.
    const english = translateWith(vietnameseTranslate());
    const { http, provider } = keylessProvider();
    try {
      const error: unknown = await provider.listTargets().then(
        () => undefined,
        (reason: unknown) => reason,
      );
      assert.ok(error instanceof ProviderError, String(error));
      assert.equal(
        error.userMessage,
        'Chưa đặt khóa API TwinExpert. Hãy chạy "Twin Chat: Đặt khóa API TwinExpert" để nhập khóa mới.',
      );
    } finally {
      english();
      await http.close();
    }
  });

  it('throws errors the host recognises as ProviderError, across the two bundles', async () => {
    const { http, provider } = keylessProvider();
    const error: unknown = await provider.listTargets().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    await http.close();
    assert.ok(error instanceof ProviderError, String(error));
    assert.equal(error.kind, 'auth');
    assert.ok(!(new Error('plain') instanceof ProviderError));
  });
});
