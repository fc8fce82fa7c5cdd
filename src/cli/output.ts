// How results reach the terminal: answer text on stdout as it streams, everything about the
// answer (ids to continue with, errors) on stderr, or one JSON object per line with --json.
import type { ChatEvent, ChatTarget, HistoryMessage } from '../providers/types';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export class EventPrinter {
  private streamedText = false;
  private lastChar = '\n';

  constructor(
    private readonly io: CliIo,
    private readonly json: boolean,
  ) {}

  print(event: ChatEvent): void {
    if (this.json) return this.io.stdout(`${JSON.stringify(event)}\n`);
    if (event.type === 'delta') return this.text(event.text);
    if (event.type === 'complete' && !this.streamedText) this.text(event.text);
    if (event.type === 'complete' || event.type === 'error') this.endLine();
  }

  private text(text: string): void {
    if (!text) return;
    this.streamedText = true;
    this.lastChar = text[text.length - 1] ?? this.lastChar;
    this.io.stdout(text);
  }

  /** A cut-off answer must not leave the shell prompt glued to its last word. */
  private endLine(): void {
    if (this.lastChar !== '\n') this.io.stdout('\n');
    this.lastChar = '\n';
  }
}

export function printTargets(io: CliIo, targets: readonly ChatTarget[], json: boolean): void {
  for (const target of targets) {
    if (json) io.stdout(`${JSON.stringify(target)}\n`);
    else
      io.stdout(
        `${target.id}\t${target.label}${target.description ? `\t${target.description}` : ''}\n`,
      );
  }
}

export function printHistory(io: CliIo, messages: readonly HistoryMessage[], json: boolean): void {
  for (const message of messages) {
    if (json) io.stdout(`${JSON.stringify(message)}\n`);
    else io.stdout(`[${message.time ?? '?'}] ${message.role}:\n${message.text}\n\n`);
  }
}
