// Every provider described once. Callers ask its descriptor (what to call it, how it takes files,
// which command fixes its credential, what its server calls a conversation) instead of comparing
// provider ids, so a new provider is one entry here plus its client folder in src/providers (the
// compiler then points at the few places that must learn about it, such as where its credentials
// live). The host, the webview and (types only) the provider clients import this file, so it holds
// plain data: no `vscode`, DOM or Node, and nothing that would pull the network client in.
import type { UiStringKey } from './uiStrings';

export interface ProviderDescriptor {
  /** The product name, in the status bar, the target quick pick and Test Connection. */
  readonly label: string;
  /** The target picker's group heading, translated like every other UI string. */
  readonly targetGroup: UiStringKey;
  /**
   * `upload`: files go to the server as multipart uploads. `inline`: the server takes no files, so
   * their text goes inside the message (outgoing.ts) and binary files are refused when attached.
   */
  readonly attachments: 'upload' | 'inline';
  /** The command (and error-view button) that sets the credential a rejected request needs. */
  readonly credentialCommand: 'setTwinExpertKey' | 'setKamiMindToken';
  /**
   * How a conversation continues: the server names it (TwinExpert's conversation id, created
   * before the first message; KamiMind's story_id, returned with the first answer), the host keeps
   * that id as `remoteId` and sends it back as `SendRequest.conversationId`. This is what the
   * server's id is called where a person reads it (the CLI prints it after an answer).
   */
  readonly conversationIdLabel: string;
}

const DESCRIPTORS = {
  twinexpert: {
    label: 'TwinExpert',
    targetGroup: 'twinExpertGroup',
    attachments: 'inline',
    credentialCommand: 'setTwinExpertKey',
    conversationIdLabel: 'Conversation',
  },
  kamimind: {
    label: 'KamiMind',
    targetGroup: 'kamiMindGroup',
    attachments: 'upload',
    credentialCommand: 'setKamiMindToken',
    conversationIdLabel: 'Story',
  },
} as const satisfies Record<string, ProviderDescriptor>;

/** The one provider identity: in targets, stored conversations, messages to the webview. */
export type ProviderId = keyof typeof DESCRIPTORS;

/** Every provider, in the order pickers list them. */
export const PROVIDER_IDS = Object.keys(DESCRIPTORS) as readonly ProviderId[];

export function describeProvider(id: ProviderId): ProviderDescriptor {
  return DESCRIPTORS[id];
}

/** For ids read back from storage or a target key, which may name a provider no longer known. */
export function isProviderId(value: string): value is ProviderId {
  return Object.hasOwn(DESCRIPTORS, value);
}
