// TwinExpert data: a deterministic set of twins and the conversations created through the API,
// each remembering its messages so answers can say which turn they are.
import { randomUUID } from 'node:crypto';

export interface Twin {
  id: string;
  name: string;
  description: string;
  avatarUrl: string | null;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TeMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: string;
}

export interface Conversation {
  id: string;
  twinId: string;
  title: string;
  createdAt: string;
  updatedAt: string;
  messages: TeMessage[];
}

// English and Vietnamese names, as a real account's twins would be: the demo answers in the
// question's language, and the picker shows both scripts.
const NAMED_TWINS: [string, string, string][] = [
  ['twin-typescript', 'Chuyên gia TypeScript', 'Giải đáp về TypeScript, Node.js và VS Code.'],
  ['twin-marketing', 'Marketing Assistant', 'Content ideas and campaigns.'],
  ['twin-legal', 'Cố vấn Pháp lý', 'Tra cứu nhanh các quy định phổ biến.'],
  ['twin-nutrition', 'Nutrition Coach', 'Balanced meal plans 🥗'],
  ['twin-cloud', 'Cloud Architect', 'Designs systems in the cloud.'],
];

const EPOCH = '2025-07-01T08:00:00.000Z';

export function makeTwins(count: number): Twin[] {
  return Array.from({ length: count }, (_, i) => {
    const named = NAMED_TWINS[i];
    const n = String(i + 1).padStart(4, '0');
    return {
      id: named?.[0] ?? `twin-${n}`,
      name: named?.[1] ?? `Twin số ${i + 1}`,
      description: named?.[2] ?? `Twin được tạo tự động #${i + 1}.`,
      avatarUrl: null,
      isPublic: i % 2 === 0,
      createdAt: EPOCH,
      updatedAt: EPOCH,
    };
  });
}

export class TwinExpertStore {
  readonly twins: Twin[];
  private readonly conversations = new Map<string, Conversation>();

  constructor(twinCount: number) {
    this.twins = makeTwins(twinCount);
  }

  twin(id: string): Twin | undefined {
    return this.twins.find((t) => t.id === id);
  }

  conversation(id: string): Conversation | undefined {
    return this.conversations.get(id);
  }

  createConversation(twinId: string, title: string | undefined): Conversation {
    const now = new Date().toISOString();
    const conversation: Conversation = {
      id: `conv_${randomUUID()}`,
      twinId,
      title: title ?? 'Cuộc trò chuyện mới',
      createdAt: now,
      updatedAt: now,
      messages: [],
    };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  /** A conversation made in TwinExpert's own app, with its messages already there. */
  seedConversation(
    twinId: string,
    title: string,
    messages: { role: TeMessage['role']; content: string }[],
  ): Conversation {
    const conversation = this.createConversation(twinId, title);
    for (const m of messages) this.addMessage(conversation, m.role, m.content);
    return conversation;
  }

  /** Newest first, like a chat list. */
  listConversations(twinId: string | undefined): Conversation[] {
    const all = [...this.conversations.values()].filter((c) => !twinId || c.twinId === twinId);
    return all.reverse().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  addMessage(
    conversation: Conversation,
    role: TeMessage['role'],
    content: string,
    id = `msg_${randomUUID()}`,
  ): TeMessage {
    const message: TeMessage = {
      id,
      role,
      content,
      createdAt: new Date().toISOString(),
    };
    conversation.messages.push(message);
    conversation.updatedAt = message.createdAt;
    return message;
  }

  /** How many user messages the conversation has: the turn the latest question is. */
  turn(conversation: Conversation): number {
    return conversation.messages.filter((m) => m.role === 'user').length;
  }
}

export function conversationSummary(c: Conversation): Record<string, unknown> {
  return {
    id: c.id,
    twinId: c.twinId,
    title: c.title,
    messageCount: c.messages.length,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
