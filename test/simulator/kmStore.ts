// KamiMind stories (conversations) and their history in the documented shape (api-spec K2): the
// top-level times are zone-less local ISO with milliseconds, item times are dd/MM/yyyy HH:mm:ss.
import { randomUUID } from 'node:crypto';

export interface KmHistoryItem {
  chat_id: string;
  actor: string;
  question?: string;
  answer?: string;
  createTime: string;
}

export interface Story {
  botToken: string;
  storyId: string;
  storyName: string;
  platformSource: string;
  latestMessage: string;
  createTime: string;
  modifiedTime: string;
  totalHist: number;
  history: KmHistoryItem[];
}

// Times are rendered in Vietnam time (UTC+7, no DST), the most plausible zone of the real server.
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;

function vnParts(ms: number): string[] {
  const d = new Date(ms + VN_OFFSET_MS);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return [
    String(d.getUTCFullYear()),
    pad(d.getUTCMonth() + 1),
    pad(d.getUTCDate()),
    pad(d.getUTCHours()),
    pad(d.getUTCMinutes()),
    pad(d.getUTCSeconds()),
    pad(d.getUTCMilliseconds(), 3),
  ];
}

/** `2025-10-03T10:39:14.399` */
export function storyTime(ms = Date.now()): string {
  const [y, mo, d, h, mi, s, ms3] = vnParts(ms);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms3}`;
}

/** `03/10/2025 10:39:15` */
export function historyTime(ms = Date.now()): string {
  const [y, mo, d, h, mi, s] = vnParts(ms);
  return `${d}/${mo}/${y} ${h}:${mi}:${s}`;
}

export class KamiMindStore {
  private readonly stories = new Map<string, Story>();

  story(id: string): Story | undefined {
    return this.stories.get(id);
  }

  createStory(botToken: string, firstMessage: string, id: string = randomUUID()): Story {
    const now = storyTime();
    const story: Story = {
      botToken,
      storyId: id,
      storyName: firstMessage.slice(0, 50),
      platformSource: 'KAMI',
      latestMessage: firstMessage,
      createTime: now,
      modifiedTime: now,
      totalHist: 0,
      history: [],
    };
    this.stories.set(id, story);
    return story;
  }

  addQuestion(story: Story, question: string): void {
    this.push(story, {
      chat_id: randomUUID(),
      actor: 'CLIENT',
      question,
      createTime: historyTime(),
    });
    story.latestMessage = question;
  }

  addAnswer(story: Story, actor: string, answer: string): void {
    this.push(story, { chat_id: randomUUID(), actor, answer, createTime: historyTime() });
  }

  /** A story made in KamiMind's own app, its turns already answered. */
  seedStory(botToken: string, storyName: string, turns: { question: string; answer: string }[]) {
    const story = this.createStory(botToken, storyName);
    story.storyName = storyName;
    for (const turn of turns) {
      this.addQuestion(story, turn.question);
      this.addAnswer(story, 'BOT', turn.answer);
    }
    return story;
  }

  /** The turn the latest question is: the number of questions so far. */
  turn(story: Story): number {
    return story.history.filter((h) => h.actor === 'CLIENT').length;
  }

  private push(story: Story, item: KmHistoryItem): void {
    story.history.push(item);
    story.totalHist = story.history.length;
    story.modifiedTime = storyTime();
  }
}
