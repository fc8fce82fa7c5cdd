// GET /api/bot/story/detail/{storyId} -> HistoryMessage[]. User items are `actor:"CLIENT"` with
// `question`; the bot's actor and text field are undocumented (api-spec K2), so any other actor is
// the assistant and its text is read from `answer`, then `message` / `content`. A record without an
// actor that carries `question` or `answer`, or the user's record carrying both, is one whole
// turn, as KamiMind's 2023 app stored it. `history: null` is a story with nothing in it yet.
import { asRecord, asString, firstString, type JsonRecord } from '../json';
import type { HistoryMessage } from '../types';
import { parseKamiMindTime } from './timestamps';

function message(role: HistoryMessage['role'], text: string, record: JsonRecord): HistoryMessage {
  const time = parseKamiMindTime(asString(record.createTime) ?? asString(record.create_time));
  return { role, text, ...(time ? { time } : {}) };
}

function toMessages(item: unknown): HistoryMessage[] {
  const record = asRecord(item);
  if (!record) return [];
  const actor = asString(record.actor);
  const question = asString(record.question);
  const answer = asString(record.answer);
  const isUser = actor?.toUpperCase() === 'CLIENT';
  // A bot's record may echo the question beside its answer; only the user's record is a turn.
  const wholeTurn = isUser && question !== undefined && answer !== undefined;
  if (actor === undefined || wholeTurn) {
    if (question !== undefined || answer !== undefined) {
      return [
        ...(question !== undefined ? [message('user', question, record)] : []),
        ...(answer !== undefined ? [message('assistant', answer, record)] : []),
      ];
    }
  }
  const text = isUser
    ? firstString(record.question, record.message, record.content)
    : firstString(record.answer, record.message, record.content, record.question);
  return text === undefined ? [] : [message(isUser ? 'user' : 'assistant', text, record)];
}

export function parseStoryHistory(json: unknown): HistoryMessage[] | undefined {
  const data = asRecord(asRecord(json)?.data);
  const history = data?.history;
  if (history === null) return [];
  if (!Array.isArray(history)) return undefined;
  return history.flatMap(toMessages);
}
