import * as vscode from 'vscode';
import { Targets, parseTargetKey } from '../chat/targets';
import { prepareAttachment } from '../commands/attachments';
import type { Credentials } from '../config/credentials';
import type { ProviderFactory } from '../config/providerFactory';
import { attachmentMaxBytes } from '../config/settings';
import type { TargetView } from '../shared/protocol';
import { PROVIDER_IDS } from '../shared/providers';
import { PARTICIPANT_ID } from './ids';
import type { ParticipantDeps, ReferenceValue } from './participantDeps';
import { rangeAttachment } from './rangeAttachment';
import { TwinParticipant } from './twinParticipant';

export interface ParticipantParts {
  extensionUri: vscode.Uri;
  workspaceState: vscode.Memento;
  credentials: Credentials;
  providers: ProviderFactory;
  /**
   * Conversations as every Twin Chat surface sees them (ChatSessions): the live copy when a chat
   * shows one, and answers streamed as the chats' own. Never a second copy of the chat's state.
   */
  conversations: ParticipantDeps['conversations'];
  /** Twin Chat's views should show the selected target again (/use chose another). */
  targetChosen(): void;
  log: vscode.LogOutputChannel;
}

/** Twin Chat's targets, read as its view reads them: listed on first use, the choice in workspace state. */
class ParticipantTargets {
  private readonly targets: Targets;
  private listed: Promise<TargetView[]> | undefined;

  constructor(private readonly parts: ParticipantParts) {
    this.targets = new Targets(parts.workspaceState);
  }

  list(refresh: boolean): Promise<TargetView[]> {
    if (refresh || !this.listed) this.listed = this.fetch();
    return this.listed;
  }

  async selected() {
    // Listing picks the first target when none is chosen yet, as Twin Chat's view does.
    if (!this.targets.selectedKey()) await this.list(false);
    const key = this.targets.selectedKey();
    const parsed = key ? parseTargetKey(key) : undefined;
    if (!parsed) return undefined;
    const known = (await this.list(false)).find((t) => t.key === key);
    return { ...parsed, label: known?.label ?? parsed.id };
  }

  async select(key: string): Promise<void> {
    if (await this.targets.select(key)) this.parts.targetChosen();
  }

  private async fetch(): Promise<TargetView[]> {
    const presence = await this.parts.credentials.presence();
    const configured = PROVIDER_IDS.filter((kind) => presence[kind]);
    const view = await this.targets.refresh(configured.map((k) => this.parts.providers.get(k)));
    return view.targets;
  }
}

function untrustedMarkdown(text: string): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  markdown.supportThemeIcons = false;
  return markdown;
}

function depsFrom(parts: ParticipantParts): ParticipantDeps {
  const targets = new ParticipantTargets(parts);
  return {
    listTargets: (refresh) => targets.list(refresh),
    selectedTarget: () => targets.selected(),
    selectTarget: (key) => targets.select(key),
    conversations: parts.conversations,
    prepareAttachment: (reference: ReferenceValue, provider) =>
      reference.kind === 'file'
        ? prepareAttachment(reference.uri, provider, attachmentMaxBytes())
        : rangeAttachment(reference.uri, reference.range, attachmentMaxBytes()),
    markdown: untrustedMarkdown,
    t: vscode.l10n.t,
    log: parts.log,
  };
}

/** Registers @twin in VS Code's Chat view, and the command its Retry buttons run. */
export function registerTwinParticipant(parts: ParticipantParts): vscode.Disposable[] {
  const participant = new TwinParticipant(depsFrom(parts));
  const chat = vscode.chat.createChatParticipant(
    PARTICIPANT_ID,
    (request, context, stream, token) => participant.handle(request, context, stream, token),
  );
  chat.iconPath = vscode.Uri.joinPath(parts.extensionUri, 'media', 'twin-chat.svg');
  chat.followupProvider = { provideFollowups: (result) => participant.followups(result) };
  return [chat];
}
