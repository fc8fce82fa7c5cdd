// What every simulator answer is built from: who answers, the question and its turn, the files.
import type { AnswerLanguage } from './answerLanguage';

/** Whom the user talks to: a TwinExpert twin by name, or a KamiMind bot, known by its token. */
export type Speaker = { kind: 'twin'; name: string } | { kind: 'bot'; id: string };

export interface AnswerInput {
  question: string;
  speaker: Speaker;
  turn: number;
  files?: { filename: string; size: number }[];
}

export function speakerName(speaker: Speaker, language: AnswerLanguage): string {
  if (speaker.kind === 'twin') return speaker.name;
  return language === 'vi' ? `trợ lý ${speaker.id}` : `assistant ${speaker.id}`;
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KiB`;
  return `${(size / (1024 * 1024)).toFixed(1)} MiB`;
}

/** One list item per attached file, as the server received it: name, size and exact bytes. */
export function fileLines(files: NonNullable<AnswerInput['files']>): string[] {
  return files.map((f) => `- \`${f.filename}\` (${formatBytes(f.size)}, ${f.size} bytes)`);
}

/** The question as a Markdown block quote, line by line. */
export function quote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}
