// KamiMind: the multipart send endpoint and the story history endpoint. Errors use the envelope
// seen in KamiMind's own app, {success:false, message, data:{code}}; real statuses are unknown,
// so they are conventional ones, or all 200 when kmErrorsAs200 is set.
import { answerDeltas } from './answers';
import { bearerToken, checkBotToken, isValidKmToken } from './credentials';
import { applyPreResponseFault } from './faults';
import { drain, sendJson, type Exchange } from './http';
import { formatBytes } from './answers';
import {
  kmEnvelope,
  kmEnvelopeLinesEncoder,
  kmNdjsonEncoder,
  kmRawEncoder,
  kmSseEncoder,
} from './kmStream';
import { KamiMindStore, type KmHistoryItem, type Story } from './kmStore';
import { MultipartError, boundaryOf, parseMultipart, type MultipartResult } from './multipart';
import { runStream, sendJsonWithFaults, type StreamEncoder } from './stream';

export const KM_SEND_PATH = '/public/v1/response';
const STORY_DETAIL = /^\/api\/bot\/story\/detail\/([^/]+)\/?$/;

export function isKamiMindPath(path: string): boolean {
  return path === KM_SEND_PATH || path === `${KM_SEND_PATH}/` || STORY_DETAIL.test(path);
}

function sendKmError(
  ex: Exchange,
  status: number,
  message: string,
  code: string,
  headers = {},
): void {
  const httpStatus = ex.config.kmErrorsAs200 ? 200 : status;
  sendJson(ex, httpStatus, { success: false, message, data: { code } }, headers);
}

/** Returns true when the request carries an acceptable Bearer token; otherwise answers 401. */
function authorize(ex: Exchange): boolean {
  const token = bearerToken(ex.headers);
  if (isValidKmToken(token)) return true;
  const message =
    token === undefined ? 'Unauthorized: missing Bearer token' : 'Unauthorized: invalid token';
  sendKmError(ex, 401, message, 'INVALID_TOKEN');
  return false;
}

function writeRateLimit(ex: Exchange, headers: Record<string, string>): void {
  sendKmError(ex, 429, 'Too many requests, please slow down', 'TOO_MANY_REQUESTS', headers);
}

/** The 2023 app's history: one record per turn, `{question, answer, createTime}`, no actor. */
function pairTurns(history: KmHistoryItem[]): Record<string, string>[] {
  const turns: Record<string, string>[] = [];
  for (const item of history) {
    if (item.question !== undefined)
      turns.push({ chat_id: item.chat_id, question: item.question, createTime: item.createTime });
    else if (item.answer !== undefined) {
      const last = turns.at(-1);
      if (last && last.answer === undefined) last.answer = item.answer;
      else turns.push({ chat_id: item.chat_id, answer: item.answer, createTime: item.createTime });
    }
  }
  return turns;
}

export class KamiMindApi {
  readonly store = new KamiMindStore();

  async handle(ex: Exchange): Promise<void> {
    const detail = STORY_DETAIL.exec(ex.path);
    if (detail) return this.storyDetail(ex, detail[1] ?? '');
    if (ex.method !== 'POST') {
      await drain(ex.req);
      return sendKmError(
        ex,
        405,
        `Request method '${ex.method}' is not supported`,
        'METHOD_NOT_ALLOWED',
      );
    }
    const form = await this.readForm(ex);
    if (!form) return;
    if (await applyPreResponseFault(ex, writeRateLimit)) return;
    if (!authorize(ex)) return;
    await this.send(ex, form);
  }

  private async readForm(ex: Exchange): Promise<MultipartResult | undefined> {
    const boundary = boundaryOf(ex.headers['content-type']);
    if (!boundary) {
      await drain(ex.req);
      sendKmError(ex, 415, 'Content-Type must be multipart/form-data', 'UNSUPPORTED_MEDIA_TYPE');
      return undefined;
    }
    try {
      const form = await parseMultipart(ex.req, boundary, ex.config.maxUploadBytes);
      ex.record.fields = form.fields;
      ex.record.files = form.files;
      return form;
    } catch (error) {
      if (!(error instanceof MultipartError)) throw error;
      if (error.reason === 'tooLarge') {
        const limit = formatBytes(ex.config.maxUploadBytes);
        sendKmError(
          ex,
          413,
          `Upload too large: the limit is ${limit} per request`,
          'FILE_TOO_LARGE',
        );
      } else
        sendKmError(ex, 400, `Malformed multipart body: ${error.message}`, 'INVALID_PARAMETER');
      return undefined;
    }
  }

  private async send(ex: Exchange, form: MultipartResult): Promise<void> {
    const botToken = form.fields.bot_token ?? '';
    const message = form.fields.message ?? '';
    if (botToken === '') return sendKmError(ex, 400, 'bot_token is required', 'INVALID_PARAMETER');
    if (message.trim() === '')
      return sendKmError(ex, 400, 'message is required', 'INVALID_PARAMETER');
    const bot = checkBotToken(botToken);
    if (bot === 'invalid')
      return sendKmError(ex, 400, 'bot_token is not a valid id', 'INVALID_PARAMETER');
    if (bot === 'notFound') return sendKmError(ex, 404, 'Bot not found', 'DATA_NOT_FOUND');
    if (ex.config.kmOutOfCredits) {
      const token = bearerToken(ex.headers) ?? '';
      const text = `Tài khoản không đủ Kpoint (token ${token}) \u200Bđể trả lời`;
      return sendKmError(ex, 402, text, 'NOT_ENOUGH_AVAILABLE_MONEY');
    }
    const story = this.findOrCreateStory(ex, form.fields.story_id ?? '', botToken, message);
    if (!story) return;
    this.store.addQuestion(story, message);
    const files = form.files.map((f) => ({ filename: f.filename, size: f.size }));
    const input = {
      question: message,
      speaker: { kind: 'bot' as const, id: botToken.slice(0, 8) },
      turn: this.store.turn(story),
      files,
    };
    const deltas = answerDeltas(input, ex.config.answerStyle, ex.fault);
    const streaming = (form.fields.streaming ?? '').trim().toLowerCase() === 'true';
    const done = streaming
      ? await this.stream(ex, story, deltas)
      : await this.reply(ex, story, deltas);
    if (done) this.store.addAnswer(story, 'BOT', deltas.join(''));
  }

  private findOrCreateStory(
    ex: Exchange,
    storyId: string,
    botToken: string,
    message: string,
  ): Story | undefined {
    const id = storyId.trim();
    // `""` is what a shell user gets when copying the docs' curl example literally.
    if (id === '' || id === '""') return this.store.createStory(botToken, message);
    const existing = this.store.story(id);
    if (existing) return existing;
    if (ex.config.kmUnknownStory === 'create') return this.store.createStory(botToken, message, id);
    sendKmError(ex, 404, 'Story not found', 'DATA_NOT_FOUND');
    return undefined;
  }

  private reply(ex: Exchange, story: Story, deltas: string[]): Promise<boolean> {
    return sendJsonWithFaults(ex, 200, kmEnvelope(deltas.join(''), story.storyId));
  }

  private stream(ex: Exchange, story: Story, deltas: string[]): Promise<boolean> {
    const style = ex.config.kmStreamStyle;
    if (style === 'json') return this.reply(ex, story, deltas);
    let encoder: StreamEncoder = kmRawEncoder();
    // Raw text has nowhere to put a new story id; these headers are a simulator invention.
    let headers: Record<string, string> = {
      'X-Story-Id': story.storyId,
      'X-Mock-Story-Id': story.storyId,
    };
    if (style === 'sse') [encoder, headers] = [kmSseEncoder(story.storyId), {}];
    if (style === 'ndjson') [encoder, headers] = [kmNdjsonEncoder(story.storyId), {}];
    if (style !== 'raw' && style !== 'sse' && style !== 'ndjson')
      [encoder, headers] = [kmEnvelopeLinesEncoder(story.storyId, style), {}];
    return runStream(ex, encoder, deltas, headers);
  }

  private async storyDetail(ex: Exchange, storyId: string): Promise<void> {
    await drain(ex.req);
    if (ex.method !== 'GET') {
      return sendKmError(
        ex,
        405,
        `Request method '${ex.method}' is not supported`,
        'METHOD_NOT_ALLOWED',
      );
    }
    if (await applyPreResponseFault(ex, writeRateLimit)) return;
    if (!authorize(ex)) return;
    const story = this.store.story(storyId);
    if (!story) return sendKmError(ex, 404, 'Story not found', 'DATA_NOT_FOUND');
    // The bot actor is applied when read, so switching kmBotActor affects existing stories too.
    const actor = ex.config.kmBotActor;
    const history = story.history.map((h) => (h.actor === 'CLIENT' ? h : { ...h, actor }));
    const shaped = ex.config.kmStoryShape === 'paired' ? pairTurns(history) : history;
    sendJson(ex, 200, { success: true, data: { ...story, history: shaped } });
  }
}
