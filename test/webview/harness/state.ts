import type { ConversationView, MessageView, ViewState } from '../../../src/shared/protocol';

// Builders for the state the host would send; tests override only what they are about.

export function message(
  id: string,
  role: MessageView['role'],
  text: string,
  extra: Partial<MessageView> = {},
): MessageView {
  return { id, role, text, status: 'complete', createdAt: 1_700_000_000_000, ...extra };
}

export function conversation(messages: MessageView[] = [], id = 'c1'): ConversationView {
  return {
    id,
    title: 'Test conversation',
    target: { key: 'twinexpert:t1', provider: 'twinexpert', label: 'Ada' },
    messages,
  };
}

export function viewState(overrides: Partial<ViewState> = {}): ViewState {
  return {
    locale: 'en',
    strings: {},
    credentials: { twinexpert: true, kamimind: true },
    targets: {
      targets: [
        { key: 'twinexpert:t1', provider: 'twinexpert', label: 'Ada' },
        { key: 'kamimind:b1', provider: 'kamimind', label: 'Support Bot' },
      ],
      selectedKey: 'twinexpert:t1',
      loading: false,
    },
    conversation: conversation(),
    conversations: [],
    attachments: [],
    draft: '',
    demoServerAvailable: false,
    ...overrides,
  };
}
