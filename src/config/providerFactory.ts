import * as vscode from 'vscode';
import { Disposable } from '../disposable';
import type { HttpClient } from '../providers/http/types';
import { QuotaBook } from '../providers/quota/quotaBook';
import type { TwinExpertServer } from '../providers/twinExpertServer';
import type { ChatProvider } from '../providers/types';
import type { ProviderId } from '../shared/providers';
import { networkClient } from './clientLoader';
import type { Credentials } from './credentials';
import {
  affectsBaseUrls,
  affectsProviders,
  httpOptions,
  kamiMindBaseUrl,
  twinExpertBaseUrl,
} from './settings';

/**
 * Builds the provider clients on first use (never at activation, and only then is the network
 * client's bundle loaded) from the current settings, and
 * rebuilds them when a setting they depend on changes. Requests already running keep the client
 * they started with; its sockets close once they finish.
 */
export class ProviderFactory extends Disposable {
  private http: HttpClient | undefined;
  /** Rate-limit readings outlive the HTTP client, which a settings change rebuilds. */
  readonly quota = new QuotaBook();
  private readonly providers = new Map<ProviderId, ChatProvider>();
  /** One builder per provider: the Record type makes a provider without one a compile error. */
  private readonly builders: Record<ProviderId, () => ChatProvider> = {
    twinexpert: () => this.twinExpert(),
    kamimind: () => this.kamiMind(),
  };

  constructor(
    private readonly credentials: Credentials,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsProviders(event)) this.reset();
        // After the reset, so that the twins are listed again by the new server's client.
        if (affectsBaseUrls(event)) credentials.serversChanged();
      }),
    );
    // Requests still streaming on the client finish first (undici's close).
    this.register({ dispose: () => void this.http?.close() });
  }

  get(kind: ProviderId): ChatProvider {
    let provider = this.providers.get(kind);
    if (!provider) {
      provider = this.builders[kind]();
      this.providers.set(kind, provider);
    }
    return provider;
  }

  /** TwinExpert's server-side conversations and twin details, over the same client and key. */
  twinExpertServer(): TwinExpertServer {
    return networkClient().createTwinExpertServer({
      baseUrl: twinExpertBaseUrl(),
      getApiKey: () => Promise.resolve(this.credentials.twinExpertKey()),
      http: this.client(),
    });
  }

  private client(): HttpClient {
    this.http ??= networkClient().createHttpClient({
      ...httpOptions(),
      quota: this.quota,
      onRequestLog: (entry) => {
        const status = entry.status ?? entry.error ?? 'failed';
        const id = entry.requestId ? ` request-id=${entry.requestId}` : '';
        this.log.info(
          `${entry.method} ${entry.path} -> ${status} (${Math.round(entry.durationMs)} ms)${id}`,
        );
      },
    });
    return this.http;
  }

  private twinExpert(): ChatProvider {
    return networkClient().createTwinExpertProvider({
      baseUrl: twinExpertBaseUrl(),
      getApiKey: () => Promise.resolve(this.credentials.twinExpertKey()),
      http: this.client(),
      log: (message) => this.log.warn(message),
      twinDetails: true,
    });
  }

  private kamiMind(): ChatProvider {
    return networkClient().createKamiMindProvider({
      baseUrl: kamiMindBaseUrl(),
      getToken: () => Promise.resolve(this.credentials.kamiMindToken()),
      listBots: () => Promise.resolve(this.credentials.bots()),
      getBotToken: (botId) => Promise.resolve(this.credentials.botToken(botId)),
      http: this.client(),
    });
  }

  private reset(): void {
    const old = this.http;
    this.http = undefined;
    this.providers.clear();
    // undici's close() lets requests still streaming on the old client finish first.
    void old?.close();
  }
}
