import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { createCliHttp, twinExpertOptions } from '../../../src/cli/providers';
import { runCli } from '../../../src/cli/run';
import { transportError } from '../../../src/providers/http/transportErrors';
import { DEMO_CREDENTIALS } from '../../simulator/server';

// The CLI reads no VS Code settings: its proxy comes from HTTPS_PROXY / HTTP_PROXY / NO_PROXY
// (--help says so). When it cannot connect, the next step it names must be one the user can take
// in a shell, not the editor setting `http.proxy` that the CLI never reads.

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('twin-chat CLI: a connection that fails', () => {
  it('names the proxy variables the CLI honours, not the VS Code setting', async () => {
    let stderr = '';
    const code = await runCli({
      argv: ['twins', '--base-url', `http://127.0.0.1:${await closedPort()}/api/v1`],
      env: { TWINEXPERT_API_KEY: DEMO_CREDENTIALS.twinExpertApiKey },
      io: { stdout: () => undefined, stderr: (t) => void (stderr += t) },
      signal: AbortSignal.timeout(15_000),
    });
    assert.equal(code, 1);
    assert.match(stderr, /^Could not reach TwinExpert\./);
    assert.doesNotMatch(stderr, /http\.proxy/, stderr);
    assert.match(stderr, /HTTPS?_PROXY/, stderr);
  });

  it('names what the CLI trusts when a certificate cannot be verified', () => {
    const options = { stream: true, json: false, verbose: false };
    const { service } = twinExpertOptions(options, {}, createCliHttp(options));
    assert.ok(service, 'the CLI names the service in its own terms');
    const error = transportError({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }, service, undefined);
    assert.equal(error.kind, 'network');
    assert.doesNotMatch(error.userMessage, /http\.proxy/, error.userMessage);
    assert.match(error.userMessage, /NODE_EXTRA_CA_CERTS/, error.userMessage);
  });
});
