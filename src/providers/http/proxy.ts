// Chooses the undici dispatcher. VS Code's proxy-aware global fetch is bypassed by our own undici
// copy, so the extension passes `http.proxy` / `http.proxyStrictSSL` / `http.noProxy` in here; the
// CLI relies on HTTP_PROXY / HTTPS_PROXY / NO_PROXY through EnvHttpProxyAgent.
import { EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import type { HttpOptions } from './types';

type AgentOptions = ConstructorParameters<typeof EnvHttpProxyAgent>[0] & object;

function baseOptions(options: HttpOptions): AgentOptions {
  const rejectUnauthorized = options.proxy?.strictSSL ?? true;
  return {
    connect: { timeout: options.connectTimeoutMs, rejectUnauthorized },
    headersTimeout: options.firstByteTimeoutMs,
    bodyTimeout: options.idleTimeoutMs,
    // The TLS session to the target behind a CONNECT tunnel uses requestTls, not `connect`.
    requestTls: { rejectUnauthorized },
  };
}

export function createDispatcher(options: HttpOptions): Dispatcher {
  const base = baseOptions(options);
  const url = options.proxy?.url?.trim();
  if (!url) return new EnvHttpProxyAgent(base);
  const noProxy = (options.proxy?.noProxy ?? []).map((entry) => entry.trim()).filter(Boolean);
  if (noProxy.length === 0) return new ProxyAgent({ ...base, uri: url });
  // ProxyAgent has no bypass list; EnvHttpProxyAgent given explicit values is a ProxyAgent that
  // routes NO_PROXY hosts through a direct Agent instead.
  return new EnvHttpProxyAgent({
    ...base,
    httpProxy: url,
    httpsProxy: url,
    noProxy: noProxy.join(','),
  });
}
