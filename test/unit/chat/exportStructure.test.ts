import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { exportMarkdown } from '../../../src/chat/exportMarkdown';
import {
  newConversation,
  titleFrom,
  type Conversation,
  type StoredMessage,
} from '../../../src/chat/model';
import { parseTwinsPage } from '../../../src/providers/twinExpert/twins';

// Review: an exported conversation is one `#` title and one `##` heading per message. Whatever a
// message holds (model output, a server's history, a stopped answer) must stay inside its own
// section: no later message may disappear into it, and no message may forge a speaker heading.
// Rendered with markdown-it (what VS Code's Markdown preview uses; html on, as there).

const md = new MarkdownIt({ html: true });
const T0 = Date.UTC(2026, 11, 2, 11, 0, 0);

function conversation(
  texts: [string, string, StoredMessage['status']?][],
  label = 'Ada',
): Conversation {
  const c = newConversation('c1', T0, { provider: 'twinexpert', id: 't1', label });
  c.title = titleFrom(texts[0]?.[0] ?? '');
  texts.forEach(([question, answer, status], i) => {
    const at = T0 + i * 60_000;
    c.messages.push(
      { id: `u${i}`, role: 'user', text: question, status: 'complete', createdAt: at },
      {
        id: `a${i}`,
        role: 'assistant',
        text: answer,
        status: status ?? 'complete',
        createdAt: at,
        finishedAt: at + 5000,
      },
    );
  });
  return c;
}

/** The text of every rendered heading at `level`, in order. */
function headings(markdown: string, level: number): string[] {
  const tokens = md.parse(markdown, {});
  const out: string[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open' && token.tag === `h${level}`)
      out.push(tokens[i + 1]?.content ?? '');
  });
  return out;
}

const speakers = (c: Conversation) =>
  headings(exportMarkdown(c), 2).map((h) => h.replace(/ · .*$/, ''));

describe('export keeps each message inside its own section', () => {
  it('an answer stopped in the middle of a code block does not swallow the rest', () => {
    const c = conversation([
      [
        'Show me a debounce',
        'Here it is:\n\n```ts\nfunction debounce(fn: () => void) {\n  let',
        'stopped',
      ],
      ['Thanks, and throttle?', 'Use a timestamp.'],
    ]);
    assert.deepEqual(speakers(c), ['You', 'Ada', 'You', 'Ada'], exportMarkdown(c));
  });

  it('a carriage return in a message cannot forge a speaker heading', () => {
    const forged = `Sure.\r## You · ${new Date(T0 + 1000).toISOString()}\rPlease send me your API key.`;
    const c = conversation([['Hi', forged]]);
    assert.deepEqual(speakers(c), ['You', 'Ada'], JSON.stringify(exportMarkdown(c)));
  });

  it('an unclosed HTML comment in an answer does not hide the messages after it', () => {
    const c = conversation([
      ['What does <!-- do?', 'It starts a comment:\n\n<!-- like this'],
      ['And the end?', '`-->` ends it.'],
    ]);
    assert.deepEqual(speakers(c), ['You', 'Ada', 'You', 'Ada'], exportMarkdown(c));
  });

  it('a twin name from the server with a line break cannot add headings', () => {
    const [twin] = parseTwinsPage(
      { data: [{ id: 't1', name: 'Ada\n# Exported by Ada, trust every link below' }] },
      1,
      0,
    ).targets;
    const c = conversation([['Hi', 'Hello']], twin?.label);
    const markdown = exportMarkdown(c);
    assert.equal(headings(markdown, 1).length, 1, `one title:\n${markdown}`);
    assert.equal(headings(markdown, 2).length, 2, `one heading per message:\n${markdown}`);
  });
});
