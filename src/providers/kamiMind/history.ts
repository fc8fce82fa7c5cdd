// GET /api/bot/story/detail/{storyId} -> HistoryMessage[]. User items are `actor:"CLIENT"` with
// `question`; the bot's actor and text field are undocumented (api-spec K2), so any other actor is
// the assistant and its text is read from `answer`, then `message` / `content`.
import { asRecord, asString, firstString } from '../json';
import type { HistoryMessage } from '../types';
import { parseKamiMindTime } from './timestamps';

function toMessage(item: unknown): HistoryMessage | undefined {
  const record = asRecord(item);
  if (!record) return undefined;
  const isUser = asString(record.actor)?.toUpperCase() === 'CLIENT';
  const text = isUser
    ? firstString(record.question, record.message, record.content)
    : firstString(record.answer, record.message, record.content, record.question);
  if (text === undefined) return undefined;
  const time = parseKamiMindTime(asString(record.createTime) ?? asString(record.create_time));
  return { role: isUser ? 'user' : 'assistant', text, ...(time ? { time } : {}) };
}

export function parseStoryHistory(json: unknown): HistoryMessage[] | undefined {
  const data = asRecord(asRecord(json)?.data);
  const history = data?.history;
  if (!Array.isArray(history)) return undefined;
  return history.map(toMessage).filter((m): m is HistoryMessage => m !== undefined);
}
