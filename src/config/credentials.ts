import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { SecretKeys, StateKeys } from '../constants';
import { Disposable } from '../disposable';
import { ChangeBatch } from './changeBatch';
import type { CredentialPresence } from '../shared/protocol';

export interface BotEntry {
  id: string;
  label: string;
}

/**
 * Every secret Twin Chat holds lives in VS Code's SecretStorage (the OS keyring on desktop), read
 * only when needed. Bot labels are not secret and live in globalState; their tokens do not.
 */
export class Credentials extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Once per change the user made, however many secrets it wrote (each listing costs a request). */
  readonly onDidChange = this.changed.event;
  private readonly batch = new ChangeBatch(() => this.changed.fire());

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly globalState: vscode.Memento,
  ) {
    super();
    this.register(
      secrets.onDidChange((event) => {
        if (event.key.startsWith('twinChat.')) this.batch.changed();
      }),
    );
  }

  /**
   * Runs several writes as one change. VS Code delivers a secret's change event before the write's
   * promise settles, so every event of `work` lands inside the batch.
   */
  together<T>(work: () => Promise<T>): Promise<T> {
    return this.batch.run(work);
  }

  /**
   * A base URL changed: the credentials now go to another server, so what their old server said
   * (its twins, a rejected key) is announced as stale like a change of the credentials themselves.
   */
  serversChanged(): void {
    this.batch.changed();
  }

  twinExpertKey(): Thenable<string | undefined> {
    return this.secrets.get(SecretKeys.twinExpertApiKey);
  }

  async setTwinExpertKey(key: string): Promise<void> {
    await this.secrets.store(SecretKeys.twinExpertApiKey, key);
  }

  kamiMindToken(): Thenable<string | undefined> {
    return this.secrets.get(SecretKeys.kamiMindToken);
  }

  async setKamiMindToken(token: string): Promise<void> {
    await this.secrets.store(SecretKeys.kamiMindToken, token);
  }

  bots(): BotEntry[] {
    return this.globalState.get<BotEntry[]>(StateKeys.kamiMindBots, []);
  }

  botToken(botId: string): Thenable<string | undefined> {
    return this.secrets.get(SecretKeys.kamiMindBot(botId));
  }

  addBot(label: string, token: string): Promise<BotEntry> {
    return this.together(async () => {
      const bot = { id: randomUUID(), label };
      await this.secrets.store(SecretKeys.kamiMindBot(bot.id), token);
      await this.globalState.update(StateKeys.kamiMindBots, [...this.bots(), bot]);
      this.batch.changed(); // the bot list is not a secret: no event of its own
      return bot;
    });
  }

  removeBot(botId: string): Promise<void> {
    return this.together(async () => {
      await this.secrets.delete(SecretKeys.kamiMindBot(botId));
      await this.globalState.update(
        StateKeys.kamiMindBots,
        this.bots().filter((bot) => bot.id !== botId),
      );
      this.batch.changed();
    });
  }

  clear(): Promise<void> {
    return this.together(async () => {
      for (const bot of this.bots()) await this.secrets.delete(SecretKeys.kamiMindBot(bot.id));
      await this.secrets.delete(SecretKeys.twinExpertApiKey);
      await this.secrets.delete(SecretKeys.kamiMindToken);
      await this.globalState.update(StateKeys.kamiMindBots, []);
      this.batch.changed();
    });
  }

  /** What the webview may know: whether a credential exists, never its value. */
  async presence(): Promise<CredentialPresence> {
    const [key, token] = await Promise.all([this.twinExpertKey(), this.kamiMindToken()]);
    return { twinexpert: Boolean(key), kamimind: Boolean(token) && this.bots().length > 0 };
  }
}
