import type { Conversation } from './model';

const STATUS_NOTE: Record<string, string> = {
  stopped: '_(stopped)_',
  interrupted: '_(interrupted)_',
  error: '_(failed)_',
};

/** A conversation as a Markdown document. Only names of attachments, never their contents or secrets. */
export function exportMarkdown(conversation: Conversation): string {
  const lines = [`# ${conversation.title || 'Twin Chat conversation'}`, ''];
  if (conversation.target)
    lines.push(`With **${conversation.target.label}** (${conversation.target.provider})`, '');
  for (const message of conversation.messages) {
    const who = message.role === 'user' ? 'You' : (conversation.target?.label ?? 'Assistant');
    lines.push(`## ${who} · ${new Date(message.createdAt).toISOString()}`, '');
    if (message.attachments?.length) {
      lines.push(`Attached: ${message.attachments.map((a) => `\`${a.name}\``).join(', ')}`, '');
    }
    lines.push(message.text || '_(no text)_', '');
    const note = STATUS_NOTE[message.status];
    if (note) lines.push(note, '');
    if (message.error) lines.push(`> ${message.error.message}`, '');
  }
  return lines.join('\n');
}
