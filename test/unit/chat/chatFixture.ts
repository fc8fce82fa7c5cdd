import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChatSession } from '../../../src/chat/chatSession';
import type { ChatSurface } from '../../../src/chat/chatSurface';
import { ChatSessions, type ChatSessionsDeps } from '../../../src/chat/chatSessions';
import { sidebarMemory } from '../../../src/chat/sessionMemory';
import type { KeyValueStore } from '../../../src/chat/targets';
import { ConversationStore } from '../../../src/chat/conversationStore';
import { createHttpClient } from '../../../src/providers/http/client';
import type { HttpClient } from '../../../src/providers/http/types';
import { createKamiMindProvider } from '../../../src/providers/kamiMind';
import { createTwinExpertProvider } from '../../../src/providers/twinExpert';
import type { ChatProvider } from '../../../src/providers/types';
import type { HostToWebview } from '../../../src/shared/protocol';
import { eventually } from '../../harness/eventually';
import { DEMO_CREDENTIALS, type Simulator } from '../../simulator/server';

export const DEMO_BOT = { id: 'demo-bot', label: 'Demo bot' };

/** Chat sessions wired to the real provider clients and the simulator, as the extension does. */
export class ChatFixture {
  readonly posted: HostToWebview[] = [];
  readonly corrupt: string[] = [];
  readonly state = new Map<string, unknown>();
  /** What the status bar was told, in order. */
  readonly statuses: { target?: string; state: string }[] = [];
  /** A view too busy to take chat/delta messages: they are never reported delivered. */
  viewBusy = false;
  /** Called with each message the sidebar is sent, after it is recorded: a user reacting to it. */
  onPost: ((message: HostToWebview) => void) | undefined;
  /** Called with each state the status bar is told, after it is recorded. */
  onStatus: ((state: string) => void) | undefined;
  readonly http: HttpClient;
  readonly providers: Record<'twinexpert' | 'kamimind', ChatProvider>;
  /** Every store and window handed out, so dispose can let their background work end first. */
  private readonly stores: ConversationStore[] = [];
  private readonly windows: ChatSessions[] = [];

  constructor(
    sim: Simulator,
    readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-store-')),
  ) {
    // One attempt: these tests look at what the user sees when a request fails.
    this.http = createHttpClient({
      connectTimeoutMs: 5_000,
      firstByteTimeoutMs: 10_000,
      idleTimeoutMs: 5_000,
      retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 100 },
    });
    this.providers = {
      twinexpert: createTwinExpertProvider({
        baseUrl: `${sim.url}/api/v1`,
        getApiKey: () => Promise.resolve(DEMO_CREDENTIALS.twinExpertApiKey),
        http: this.http,
      }),
      kamimind: createKamiMindProvider({
        baseUrl: sim.url,
        getToken: () => Promise.resolve(DEMO_CREDENTIALS.kamiMindToken),
        listBots: () => Promise.resolve([DEMO_BOT]),
        getBotToken: () => Promise.resolve(DEMO_CREDENTIALS.kamiMindBotToken),
        http: this.http,
      }),
    };
  }

  readonly workspaceState: KeyValueStore = {
    get: <T>(key: string) => this.state.get(key) as T | undefined,
    update: (key: string, value: unknown) => {
      this.state.set(key, value);
      return Promise.resolve();
    },
  };

  /** What the extension passes to its ChatSessions, with the simulator's providers. */
  deps(dir = this.dir): ChatSessionsDeps {
    return {
      store: this.newStore(dir),
      provider: (kind) => this.providers[kind],
      presence: () => Promise.resolve({ twinexpert: true, kamimind: true }),
      workspaceState: this.workspaceState,
      streaming: () => true,
      strings: () => ({}),
      locale: () => 'en',
      demoServerAvailable: () => Promise.resolve(false),
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      status: (target, state) => {
        this.statuses.push({ target: target?.key, state });
        this.onStatus?.(state);
      },
    };
  }

  private newStore(dir: string): ConversationStore {
    const store = new ConversationStore(dir, (file) => this.corrupt.push(file));
    this.stores.push(store);
    return store;
  }

  /** The sidebar's surface: everything it is sent lands in `posted`. */
  readonly sidebarSurface: ChatSurface = {
    post: (message) => {
      this.posted.push(message);
      this.onPost?.(message);
      return this.viewBusy && message.type === 'chat/delta' ? new Promise(() => {}) : undefined;
    },
    reveal: () => undefined,
  };

  /** A new window's chat: fresh shared sessions over `dir`, and the sidebar's session in them. */
  session(dir = this.dir): ChatSession {
    const window = new ChatSessions(this.deps(dir));
    this.windows.push(window);
    return window.open(this.sidebarSurface, sidebarMemory(this.workspaceState));
  }

  of<T extends HostToWebview['type']>(type: T): Extract<HostToWebview, { type: T }>[] {
    return this.posted.filter((m): m is Extract<HostToWebview, { type: T }> => m.type === type);
  }

  /** Resolves when a message of `type` has been posted (bounded by `timeoutMs`). */
  async waitFor<T extends HostToWebview['type']>(
    type: T,
    timeoutMs = 10_000,
  ): Promise<Extract<HostToWebview, { type: T }>> {
    await eventually(() => this.of(type).length > 0, `a posted ${type}`, { timeoutMs });
    const [found] = this.of(type);
    if (!found) throw new Error(`${type} was posted, then forgotten`);
    return found;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.windows.map((window) => window.shutdown()));
    await this.http.close();
    // The search index catches up and writes in the background; removing the folder while it
    // writes fails with ENOTEMPTY (seen once in a full run), so let every store settle first.
    await Promise.all(
      this.stores.map(async (store) => {
        await store.whenSearchIndexCaughtUp();
        await store.flush();
      }),
    );
    // An answer a test left streaming may still checkpoint: retry what such a write races.
    fs.rmSync(this.dir, { recursive: true, force: true, maxRetries: 5 });
  }
}
