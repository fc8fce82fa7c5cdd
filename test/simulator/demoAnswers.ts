// The demo's answers (answerStyle 'topical'): in the question's language, a canned answer when the
// question's words name one of the demo's topics, otherwise a general answer that quotes the
// question and says what the demo can show. Deterministic: the same input gives the same text.
import { answerLanguage, type AnswerLanguage } from './answerLanguage';
import { DEMO_TOPICS, type DemoTopic } from './demoTopics';
import { fileLines, quote, speakerName, type AnswerInput } from './answerParts';

function keywordHits(question: string, topic: DemoTopic): number {
  const text = question.toLowerCase().normalize('NFC');
  return topic.keywords.filter((keyword) =>
    // ASCII keywords are word stems ("debounc" for debounce, debounced, debouncing); Vietnamese
    // ones are phrases, whose letters \b does not treat as word characters.
    /^[a-z ]+$/.test(keyword) ? new RegExp(`\\b${keyword}`).test(text) : text.includes(keyword),
  ).length;
}

/** The topic the question's words name most often; the first listed wins a tie. */
export function pickTopic(question: string): DemoTopic | undefined {
  let best: DemoTopic | undefined;
  let bestHits = 0;
  for (const topic of DEMO_TOPICS) {
    const hits = keywordHits(question, topic);
    if (hits > bestHits) [best, bestHits] = [topic, hits];
  }
  return best;
}

const WORDS = {
  en: {
    byline: (who: string, turn: number) => `*${who} · turn ${turn}*`,
    files: (n: number) => `Attachments (${n}):`,
    footer: '> 🤖 A canned answer from the Twin Chat demo, picked by the words of your question.',
    hello: (who: string) => `## ${who} here 👋`,
    asked: (turn: number) => `You asked (turn ${turn}):`,
    about: [
      'This is the **Twin Chat demo**: no model runs here, so this question gets no real answer.',
      'A twin on TwinExpert or a KamiMind bot would answer it in its own words — meanwhile the',
      'demo has real answers on these topics:',
    ],
    columns: '| Ask about | For example |',
    codeIntro: 'And a greeting in code, so you can try **Copy** and **Insert at Cursor** 🌏',
    code: ['function greet(name: string): string {', '  return `Hello, ${name}! 👋`;', '}'],
  },
  vi: {
    byline: (who: string, turn: number) => `*Trả lời từ ${who} · lượt ${turn}*`,
    files: (n: number) => `Tệp đính kèm (${n}):`,
    footer: '> 🤖 Câu trả lời mẫu của bản demo Twin Chat, chọn theo các từ trong câu hỏi của bạn.',
    hello: (who: string) => `## Trả lời từ ${who} 🤖`,
    asked: (turn: number) => `Bạn hỏi (lượt ${turn}):`,
    about: [
      'Đây là **bản demo Twin Chat**: không có mô hình nào chạy ở đây, nên câu hỏi này chưa có',
      'câu trả lời thật. Một twin trên TwinExpert hay một bot KamiMind sẽ tự trả lời — còn bản',
      'demo có câu trả lời thật cho các chủ đề sau:',
    ],
    columns: '| Hỏi về | Ví dụ |',
    codeIntro: 'Và một lời chào bằng code, để thử **Copy** và **Insert at Cursor** 🌏',
    code: ['function chào(tên: string): string {', '  return `Xin chào, ${tên}! 👋`;', '}'],
  },
} as const;

function filesSection(language: AnswerLanguage, files: AnswerInput['files']): string[] {
  if (!files || files.length === 0) return [];
  return [WORDS[language].files(files.length), '', ...fileLines(files), ''];
}

function topicAnswer(input: AnswerInput, language: AnswerLanguage, topic: DemoTopic): string {
  const words = WORDS[language];
  const text = topic[language];
  return [
    `## ${text.title}`,
    '',
    words.byline(speakerName(input.speaker, language), input.turn),
    '',
    ...text.body,
    '',
    ...filesSection(language, input.files),
    words.footer,
  ].join('\n');
}

function generalAnswer(input: AnswerInput, language: AnswerLanguage): string {
  const words = WORDS[language];
  const examples = DEMO_TOPICS.map((t) => `| ${t[language].label} | ${t[language].example} |`);
  return [
    words.hello(speakerName(input.speaker, language)),
    '',
    words.asked(input.turn),
    '',
    quote(input.question),
    '',
    ...filesSection(language, input.files),
    ...words.about,
    '',
    words.columns,
    '| --- | --- |',
    ...examples,
    '',
    words.codeIntro,
    '',
    '```ts',
    ...words.code,
    '```',
  ].join('\n');
}

export function buildTopicalAnswer(input: AnswerInput): string {
  const language = answerLanguage(input.question);
  const topic = pickTopic(input.question);
  return topic ? topicAnswer(input, language, topic) : generalAnswer(input, language);
}
