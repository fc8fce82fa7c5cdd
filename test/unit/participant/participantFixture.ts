import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type {
  CancellationToken,
  ChatContext,
  ChatRequest,
  ChatResponseStream,
  ChatResult,
  Command,
  MarkdownString,
} from 'vscode';
import { fileIdentity } from '../../../src/chat/attachmentCheck';
import type { ChatSession } from '../../../src/chat/chatSession';
import { answerFromChatView } from '../../../src/chat/chatViewAnswer';
import type { ConversationStore } from '../../../src/chat/conversationStore';
import type { StoredAttachment } from '../../../src/chat/model';
import { parseTargetKey, Targets } from '../../../src/chat/targets';
import type { ParticipantDeps, ReferenceValue } from '../../../src/participant/participantDeps';
import { TwinParticipant } from '../../../src/participant/twinParticipant';
import type { ProviderId } from '../../../src/shared/providers';
import type { Simulator } from '../../simulator/server';
import { ChatFixture } from '../chat/chatFixture';

// @twin's handler at the API boundary: a response stream that records every call in order, a
// cancellation token the test fires, and the real provider clients, Twin Chat's chat sessions (its
// conversation store and answers, wired as src/twinChat.ts wires them) and target list over the
// simulator. Only what needs VS Code itself (reading editor files for a reference,
// the modal secret-file question) is a stand-in, recording what it was asked.

export type StreamCall =
  | { kind: 'markdown'; value: MarkdownString | string }
  | { kind: 'progress'; value: string }
  | { kind: 'button'; value: Command }
  | { kind: 'other'; method: string };

/** The stand-in for `vscode.MarkdownString`: what `new MarkdownString(text)` leaves untrusted. */
export interface FakeMarkdown {
  value: string;
  isTrusted: boolean;
  supportHtml: boolean;
}

export class RecordingStream {
  readonly calls: StreamCall[] = [];
  /** Runs after each markdown part: a test can cancel once the answer has started. */
  onMarkdown: (() => void) | undefined;

  readonly stream = {
    markdown: (value: MarkdownString | string) => {
      this.calls.push({ kind: 'markdown', value });
      this.onMarkdown?.();
    },
    progress: (value: string) => this.calls.push({ kind: 'progress', value }),
    button: (value: Command) => this.calls.push({ kind: 'button', value }),
    anchor: () => this.calls.push({ kind: 'other', method: 'anchor' }),
    filetree: () => this.calls.push({ kind: 'other', method: 'filetree' }),
    reference: () => this.calls.push({ kind: 'other', method: 'reference' }),
    push: () => this.calls.push({ kind: 'other', method: 'push' }),
  } as unknown as ChatResponseStream;

  markdownParts(): FakeMarkdown[] {
    return this.calls.flatMap((c) =>
      c.kind === 'markdown' ? [c.value as unknown as FakeMarkdown] : [],
    );
  }

  text(): string {
    return this.markdownParts()
      .map((m) => m.value)
      .join('');
  }

  buttons(): Command[] {
    return this.calls.flatMap((c) => (c.kind === 'button' ? [c.value] : []));
  }
}

export class TestToken {
  private readonly listeners = new Set<() => void>();
  readonly token = {
    isCancellationRequested: false,
    onCancellationRequested: (listener: () => void) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    },
  };

  /** What VS Code does when the user presses Stop. */
  cancel(): void {
    this.token.isCancellationRequested = true;
    for (const listener of this.listeners) listener();
  }
}

/** A turn as the Chat view's history holds it: the request, then the answer's result. */
export function historyOf(...results: ChatResult[]): ChatContext['history'] {
  const turns: unknown[] = results.flatMap((result) => [
    { prompt: 'earlier', participant: 'twinchat.twin', references: [], toolReferences: [] },
    { response: [], result, participant: 'twinchat.twin' },
  ]);
  return turns as ChatContext['history'];
}

export function request(prompt: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return {
    prompt,
    command: undefined,
    references: [],
    toolReferences: [],
    ...extra,
  } as unknown as ChatRequest;
}

export class ParticipantFixture {
  readonly chat: ChatFixture;
  /** Twin Chat's sidebar in @twin's window: their conversations and answers are one (twinChat.ts). */
  readonly sidebar: ChatSession;
  readonly store: ConversationStore;
  readonly targets: Targets;
  /** What the stand-in for the Attach command's checks was asked, in order. */
  readonly prepared: { reference: ReferenceValue; provider: ProviderId }[] = [];
  /** Set to make the stand-in refuse, as the real checks do, with this sentence. */
  refuseWith: string | undefined;
  /** What the user does while the checks ask their question (a secret-looking file's modal). */
  whileChecking: (() => Promise<void>) | undefined;
  readonly participant: TwinParticipant;

  constructor(sim: Simulator) {
    this.chat = new ChatFixture(sim);
    this.sidebar = this.chat.session();
    this.store = this.sidebar.shared.deps.store;
    this.targets = new Targets({
      get: <T>(key: string) => this.chat.state.get(key) as T | undefined,
      update: (key: string, value: unknown) => {
        this.chat.state.set(key, value);
        return Promise.resolve();
      },
    });
    this.participant = new TwinParticipant(this.deps());
  }

  private deps(): ParticipantDeps {
    const providers = this.chat.providers;
    return {
      listTargets: async () =>
        (await this.targets.refresh([providers.twinexpert, providers.kamimind])).targets,
      selectedTarget: () => {
        const key = this.targets.selectedKey();
        const parsed = key ? parseTargetKey(key) : undefined;
        const label = this.targets.current.targets.find((t) => t.key === key)?.label ?? '';
        return Promise.resolve(parsed && { ...parsed, label });
      },
      selectTarget: (key) => this.targets.select(key).then(() => undefined),
      conversations: {
        load: (id) => this.sidebar.shared.find(id),
        answer: (...args) => answerFromChatView(this.sidebar.shared, ...args),
      },
      prepareAttachment: (reference, provider) => this.prepare(reference, provider),
      markdown: (text) =>
        ({ value: text, isTrusted: false, supportHtml: false }) as unknown as MarkdownString,
      t: (message, ...args) =>
        message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
      log: { warn: () => undefined },
    };
  }

  /** Files by path, as the Attach command makes them: inlined text for TwinExpert, a path for KamiMind. */
  private async prepare(
    reference: ReferenceValue,
    provider: ProviderId,
  ): Promise<StoredAttachment> {
    this.prepared.push({ reference, provider });
    await this.whileChecking?.();
    if (this.refuseWith) throw new Error(this.refuseWith);
    const file = reference.uri.fsPath;
    const name = path.basename(file);
    const content = await fs.promises.readFile(file, 'utf8');
    const size = Buffer.byteLength(content);
    if (provider === 'kamimind') {
      return { id: name, name, size, kind: 'file', path: file, identity: await fileIdentity(file) };
    }
    return { id: name, name, size, kind: 'file', content };
  }

  /** Lists the simulator's twins and bots and selects the first of `provider`. */
  async select(provider: ProviderId): Promise<string> {
    const targets = (
      await this.targets.refresh([this.chat.providers.twinexpert, this.chat.providers.kamimind])
    ).targets;
    const target = targets.find((t) => t.provider === provider);
    if (!target) throw new Error(`the simulator lists no ${provider} target`);
    await this.targets.select(target.key);
    return target.key;
  }

  async ask(
    prompt: string,
    options: {
      history?: ChatContext['history'];
      command?: string;
      references?: ChatRequest['references'];
      token?: TestToken;
      stream?: RecordingStream;
    } = {},
  ): Promise<{ result: ChatResult; stream: RecordingStream }> {
    const stream = options.stream ?? new RecordingStream();
    const token = options.token ?? new TestToken();
    const result = await this.participant.handle(
      request(prompt, { command: options.command, references: options.references ?? [] }),
      { history: options.history ?? [] },
      stream.stream,
      token.token as unknown as CancellationToken,
    );
    return { result, stream };
  }

  tempFile(name: string, content: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twin-chat-ref-'));
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  }

  dispose(): Promise<void> {
    return this.chat.dispose();
  }
}

/** A file reference as VS Code passes it (a Uri). */
export function fileReference(file: string): ChatRequest['references'][number] {
  return { id: 'vscode.file', value: { scheme: 'file', path: file, fsPath: file } };
}

/**
 * The error sentence as the Chat view shows it: VS Code renders `errorDetails.message` as
 * Markdown, where a backslash before ASCII punctuation shows the punctuation alone.
 */
export function shownError(result: ChatResult): string {
  return (result.errorDetails?.message ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

export function conversationIdOf(result: ChatResult): string {
  const id: unknown = (result.metadata as { twinChatConversationId?: unknown } | undefined)
    ?.twinChatConversationId;
  if (typeof id !== 'string') throw new Error('the result names no conversation');
  return id;
}
