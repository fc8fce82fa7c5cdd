// The simulator's answers. By default (answerStyle 'fixed') the one answer the tests were
// written against: whatever is asked, a Vietnamese reply that quotes the question and shows every
// markdown feature the chat view renders. answerStyle 'topical' is the demo's (npm start, npm run
// simulator): in the question's language and on its topic (demoAnswers.ts). Both always contain multi-byte
// characters (Vietnamese diacritics, emoji), so a client that splits UTF-8 characters across
// chunks wrongly produces visible garbage.
import { fileLines, quote, speakerName, type AnswerInput } from './answerParts';
import { buildTopicalAnswer } from './demoAnswers';
import type { AnswerStyle, Fault } from './types';

export { formatBytes, type AnswerInput } from './answerParts';

function filesSection(files: AnswerInput['files']): string {
  if (!files || files.length === 0) return 'Không có tệp đính kèm (no attachments).\n';
  return `Tệp đính kèm (${files.length}):\n\n${fileLines(files).join('\n')}\n`;
}

/** The fixed answer text; stable for the same input. */
export function buildFixedAnswer(input: AnswerInput): string {
  const chars = [...input.question].length;
  return [
    `## Trả lời từ ${speakerName(input.speaker, 'vi')} 🤖\n`,
    `Bạn hỏi (lượt ${input.turn}, turn ${input.turn}):\n`,
    `${quote(input.question)}\n`,
    filesSection(input.files),
    'Tóm tắt nhanh:\n',
    `- Câu hỏi dài ${chars} ký tự.`,
    `- Đây là lượt thứ ${input.turn} của cuộc trò chuyện.`,
    '- Xin chào thế giới! Chúc bạn một ngày tốt lành 🌏\n',
    '| Mục | Giá trị |',
    '| --- | --- |',
    `| Lượt (turn) | ${input.turn} |`,
    `| Tệp | ${input.files?.length ?? 0} |\n`,
    '```ts',
    'function chào(tên: string): string {',
    '  return `Xin chào, ${tên}! 👋`;',
    '}',
    '```\n',
    'Cảm ơn bạn đã dùng Twin Chat simulator. 🚀',
  ].join('\n');
}

/**
 * Splits text into word-sized deltas whose concatenation is exactly the text: each piece is a run
 * of whitespace followed by a word, so code blocks and tables keep their spacing.
 */
export function splitDeltas(text: string): string[] {
  const pieces = text.match(/\s*\S+|\s+$/g) ?? [];
  const deltas: string[] = [];
  for (let i = 0; i < pieces.length; i += 2) deltas.push(pieces.slice(i, i + 2).join(''));
  return deltas.length > 0 ? deltas : [text];
}

/** Exactly `count` deltas, for Stop tests and benchmarks. */
export function longDeltas(input: AnswerInput, count: number): string[] {
  const deltas = [`## Câu trả lời dài cho: ${input.question.slice(0, 80)} 📜\n\n`];
  for (let i = 1; i < count; i++) {
    deltas.push(`Đoạn ${i}: tiếng Việt có dấu ✅${i % 10 === 0 ? '\n\n' : ' '}`);
  }
  return deltas;
}

const OVERSIZED_DEFAULT = 2 * 1024 * 1024;

export function buildAnswer(input: AnswerInput, style: AnswerStyle): string {
  return style === 'fixed' ? buildFixedAnswer(input) : buildTopicalAnswer(input);
}

/** The deltas an answer is streamed as, shaped by the faults that change content. */
export function answerDeltas(
  input: AnswerInput,
  style: AnswerStyle,
  fault: Fault | undefined,
): string[] {
  if (fault?.kind === 'longAnswer') return longDeltas(input, fault.deltas);
  const deltas = splitDeltas(buildAnswer(input, style));
  if (fault?.kind === 'oversizedEvent') {
    const bytes = fault.bytes ?? OVERSIZED_DEFAULT;
    // One huge delta in the middle: a single multi-megabyte `data:` line on the wire.
    const huge = ` [oversized ${bytes} bytes] ` + 'x'.repeat(bytes);
    deltas.splice(Math.min(3, deltas.length), 0, huge);
  }
  return deltas;
}
