// Deterministic demo answers. They quote the question and show every markdown feature the chat view
// renders, and they always contain Vietnamese diacritics and an emoji, so a client that splits
// multi-byte UTF-8 characters across chunks wrongly produces visible garbage.
import type { Fault } from './types';

export interface AnswerInput {
  question: string;
  /** "TwinExpert twin X" or "KamiMind bot Y": whom the user talks to. */
  speaker: string;
  turn: number;
  files?: { filename: string; size: number }[];
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MiB`;
}

function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

function filesSection(files: AnswerInput['files']): string {
  if (!files || files.length === 0) return 'Không có tệp đính kèm (no attachments).\n';
  const lines = files.map((f) => `- \`${f.filename}\` (${formatBytes(f.size)}, ${f.size} bytes)`);
  return `Tệp đính kèm (${files.length}):\n\n${lines.join('\n')}\n`;
}

/** The full answer text; stable for the same input. */
export function buildAnswer(input: AnswerInput): string {
  const chars = [...input.question].length;
  return [
    `## Trả lời từ ${input.speaker} 🤖\n`,
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

/** The deltas an answer is streamed as, shaped by the faults that change content. */
export function answerDeltas(input: AnswerInput, fault: Fault | undefined): string[] {
  if (fault?.kind === 'longAnswer') return longDeltas(input, fault.deltas);
  const deltas = splitDeltas(buildAnswer(input));
  if (fault?.kind === 'oversizedEvent') {
    const bytes = fault.bytes ?? OVERSIZED_DEFAULT;
    // One huge delta in the middle: a single multi-megabyte `data:` line on the wire.
    const huge = ` [oversized ${bytes} bytes] ` + 'x'.repeat(bytes);
    deltas.splice(Math.min(3, deltas.length), 0, huge);
  }
  return deltas;
}
