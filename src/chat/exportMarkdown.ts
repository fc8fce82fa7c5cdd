import { containedSection } from './containedSection';
import { fullTitleFrom, titleFrom, type Conversation, type StoredMessage } from './model';
import { oneLine } from './store/plainText';

const STATUS_NOTE: Record<string, string> = {
  stopped: '_(stopped)_',
  interrupted: '_(interrupted)_',
  error: '_(failed)_',
};

/** Each message is a `##` section, so its own headings start at `###`. */
const MESSAGE_HEADING_LEVEL = 2;

/**
 * The title a reader of the file should see: a title made from the first question was shortened
 * with "…" to fit the conversation list, which a document does not need; a renamed one is kept.
 */
export function exportTitle(conversation: Conversation): string {
  const firstQuestion = conversation.messages.find((m) => m.role === 'user')?.text ?? '';
  const automatic = conversation.title === titleFrom(firstQuestion);
  // One line: a heading ends at a line break (a lone CR too), and what follows would be text or
  // another heading of its own. Conversations saved before names were kept on one line hold them.
  const title = oneLine(automatic ? fullTitleFrom(firstQuestion) : conversation.title);
  return title || 'Twin Chat conversation';
}

/** When a question was sent, or when an answer ended (files from before that was kept: when asked). */
function timeOf(message: StoredMessage): string {
  const when =
    message.role === 'assistant' ? (message.finishedAt ?? message.createdAt) : message.createdAt;
  return new Date(when).toISOString();
}

/** A conversation as a Markdown document. Only names of attachments, never their contents or secrets. */
export function exportMarkdown(conversation: Conversation): string {
  const lines = [`# ${exportTitle(conversation)}`, ''];
  const target = conversation.target && {
    ...conversation.target,
    label: oneLine(conversation.target.label),
  };
  if (target) lines.push(`With **${target.label}** (${target.provider})`, '');
  for (const message of conversation.messages) {
    const who = message.role === 'user' ? 'You' : (target?.label ?? 'Assistant');
    lines.push(`## ${who} · ${timeOf(message)}`, '');
    if (message.attachments?.length) {
      lines.push(`Attached: ${message.attachments.map((a) => `\`${a.name}\``).join(', ')}`, '');
    }
    lines.push(containedSection(message.text, MESSAGE_HEADING_LEVEL) || '_(no text)_', '');
    const note = STATUS_NOTE[message.status];
    if (note) lines.push(note, '');
    if (message.error) lines.push(`> ${message.error.message}`, '');
  }
  return lines.join('\n');
}
