import * as assert from 'node:assert/strict';
import { answerLanguage } from '../../simulator/answerLanguage';
import type { AnswerInput } from '../../simulator/answerParts';
import { buildAnswer } from '../../simulator/answers';
import { startSimulator, type Simulator } from '../../simulator/server';
import { TE_AUTH, TE_JSON, call, json, newConversation, sseBlocks, teDeltaText } from './helpers';

const TWIN = { kind: 'twin', name: 'Chuyên gia TypeScript' } as const;

function topical(question: string, extra: Partial<AnswerInput> = {}): string {
  return buildAnswer({ question, speaker: TWIN, turn: 1, ...extra }, 'topical');
}

/** The source of the answer's first TypeScript code block. */
function firstCode(answer: string): string {
  return /```ts\n([\s\S]*?)```/.exec(answer)?.[1] ?? '';
}

/** Vietnamese-only letters, as answerLanguage looks for them. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽềếểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu;

describe('simulator: the demo answers the question, in its language', () => {
  it('tells English questions from Vietnamese ones, with or without accents', () => {
    assert.equal(answerLanguage('How do I debounce a function in TypeScript?'), 'en');
    assert.equal(answerLanguage('Làm sao để debounce một hàm?'), 'vi');
    assert.equal(answerLanguage('lam sao de debounce mot ham'), 'vi');
    // Code says little about the asker: a Vietnamese string in a snippet keeps the question English.
    assert.equal(answerLanguage('Why does this fail?\n```ts\nconst s = "Xin chào";\n```'), 'en');
  });

  it('answers a debounce question with a debounce answer and TypeScript code, in English', () => {
    const answer = topical('How do I debounce a function in TypeScript?', {
      speaker: { kind: 'twin', name: 'Cloud Architect' },
    });
    assert.match(answer, /^## Debouncing a function in TypeScript/);
    assert.match(firstCode(answer), /export function debounce<A extends unknown\[\]>\(/);
    assert.match(answer, /\| Debounce \| Throttle \|/, 'a table');
    assert.doesNotMatch(answer.replace(/```[\s\S]*?```/g, ''), VIETNAMESE, 'no Vietnamese prose');
  });

  it('answers the same question asked in Vietnamese in Vietnamese, with the same code', () => {
    const answer = topical('Làm sao để debounce một hàm trong TypeScript?');
    assert.match(answer, /^## Debounce một hàm trong TypeScript/);
    assert.match(answer, /Trả lời từ Chuyên gia TypeScript · lượt 1/);
    assert.equal(
      firstCode(answer),
      firstCode(topical('How do I debounce a function in TypeScript?')),
    );
  });

  it('picks each topic by the words of the question', () => {
    const cases: [string, RegExp, RegExp][] = [
      ['Why does forEach not wait for my await?', /^## async\/await/, /Promise\.all\(/],
      ['How do generics with constraints work?', /^## Generics/, /<T extends HasId>/],
      ['Should I throw an error or return it?', /^## Handling errors/, /type Result<T>/],
      ['Xử lý lỗi thế nào cho đúng?', /^## Xử lý lỗi trong TypeScript/, /type Result<T>/],
    ];
    for (const [question, heading, code] of cases) {
      const answer = topical(question);
      assert.match(answer, heading, question);
      assert.match(firstCode(answer), code, question);
    }
  });

  it('answers any other question generally, quoting it, in its language', () => {
    const english = topical('What is the capital of France?\nJust curious.');
    assert.match(english, /^## Chuyên gia TypeScript here/);
    assert.match(english, /\n> What is the capital of France\?\n> Just curious\.\n/);
    assert.match(english, /\| Debouncing \| How do I debounce a function in TypeScript\? \|/);
    assert.match(firstCode(english), /function greet\(name: string\)/);

    const vietnamese = topical('Thủ đô của Pháp là gì?');
    assert.match(vietnamese, /^## Trả lời từ Chuyên gia TypeScript/);
    assert.match(vietnamese, /\n> Thủ đô của Pháp là gì\?\n/);
    assert.match(firstCode(vietnamese), /function chào\(tên: string\)/);
  });

  it('lists attached files, and names a KamiMind bot in the answer’s language', () => {
    const files = [{ filename: 'math.ts', size: 2048 }];
    const bot = { kind: 'bot', id: '7e57c0de' } as const;
    const english = topical('Please review this file.', { files, speaker: bot });
    assert.match(english, /^## assistant 7e57c0de here/);
    assert.match(english, /Attachments \(1\):\n\n- `math\.ts` \(2\.0 KiB, 2048 bytes\)/);
    const vietnamese = topical('Xem giúp tệp này.', { files, speaker: bot });
    assert.match(vietnamese, /^## Trả lời từ trợ lý 7e57c0de/);
    assert.match(vietnamese, /Tệp đính kèm \(1\):/);
  });

  it('always carries multi-byte characters, so clients that split UTF-8 wrongly show it', () => {
    for (const question of ['debounce', 'async', 'generic', 'error', 'hello', 'xin chào'])
      assert.match(topical(question), /\p{Extended_Pictographic}/u, question);
  });

  it('keeps the fixed answer for the tests that ask for it, whatever the question', () => {
    const fixed = buildAnswer(
      { question: 'How do I debounce a function?', speaker: TWIN, turn: 2 },
      'fixed',
    );
    assert.match(fixed, /^## Trả lời từ Chuyên gia TypeScript 🤖/);
    assert.match(firstCode(fixed), /function chào\(tên: string\)/);
  });
});

describe('simulator: the demo over HTTP', () => {
  let sim: Simulator;
  before(async () => {
    sim = await startSimulator({ port: 0, tokenDelayMs: 0, config: { answerStyle: 'topical' } });
  });
  after(() => sim.stop());

  it('streams the topical answer when configured for the demo', async () => {
    const id = await newConversation(sim);
    const reply = await call(`${sim.url}/api/v1/conversations/${id}/messages/stream`, {
      method: 'POST',
      headers: TE_JSON,
      body: JSON.stringify({ content: 'How do I debounce a function in TypeScript?' }),
    });
    const text = teDeltaText(sseBlocks(reply.text));
    assert.match(text, /^## Debouncing a function in TypeScript/);
    assert.match(text, /export function debounce</);
  });

  it('gives the fixed answer by default, the switch the end-to-end journey relies on', async () => {
    const fixed = await startSimulator({ port: 0, tokenDelayMs: 0 });
    try {
      assert.equal(fixed.config.answerStyle, 'fixed');
    } finally {
      await fixed.stop();
    }
  });

  it('offers twins with English and with Vietnamese names', async () => {
    const body = (await json(await call(`${sim.url}/api/v1/twins`, { headers: TE_AUTH }))) as {
      data: { name: string }[];
    };
    const names = body.data.map((twin) => twin.name);
    assert.ok(
      names.some((name) => VIETNAMESE.test(name)),
      names.join(', '),
    );
    assert.ok(
      names.some((name) => !VIETNAMESE.test(name)),
      names.join(', '),
    );
  });
});
