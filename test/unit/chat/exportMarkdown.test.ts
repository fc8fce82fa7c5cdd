import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseConversation } from '../../../src/chat/conversationFile';
import { defaultExportPath } from '../../../src/chat/exportLocation';
import { exportMarkdown } from '../../../src/chat/exportMarkdown';
import { newConversation, titleFrom, type Conversation } from '../../../src/chat/model';
import type { ChatSession } from '../../../src/chat/chatSession';
import type { ChatFixture } from './chatFixture';
import { selectFirstTwin, useChatFixture } from './useChatFixture';

const ASKED = Date.UTC(2026, 11, 2, 11, 0, 0, 0);
const ANSWERED = Date.UTC(2026, 11, 2, 11, 0, 7, 250);

function exchange(question: string, answer: string): Conversation {
  const c = newConversation('c1', ASKED, { provider: 'twinexpert', id: 't1', label: 'Ada' });
  c.title = titleFrom(question);
  c.messages.push(
    { id: 'u', role: 'user', text: question, status: 'complete', createdAt: ASKED },
    {
      id: 'a',
      role: 'assistant',
      text: answer,
      status: 'complete',
      createdAt: ASKED,
      finishedAt: ANSWERED,
    },
  );
  return c;
}

const LONG_QUESTION =
  'How do I debounce a function in TypeScript so that a search box does not flood the server with requests?';

describe('export as Markdown', () => {
  it('titles the document with the whole first question, not the list’s shortened title', () => {
    const c = exchange(LONG_QUESTION, 'Use a timer.');
    assert.match(c.title, /…$/, 'the list title is shortened');
    assert.equal(exportMarkdown(c).split('\n')[0], `# ${LONG_QUESTION}`);
    c.title = 'Debouncing, renamed';
    assert.equal(exportMarkdown(c).split('\n')[0], '# Debouncing, renamed');
  });

  it('gives the question the time it was sent and the answer the time it finished', () => {
    const headings = exportMarkdown(exchange('Hi', 'Hello')).match(/^## .*$/gm);
    assert.deepEqual(headings, [
      `## You · ${new Date(ASKED).toISOString()}`,
      `## Ada · ${new Date(ANSWERED).toISOString()}`,
    ]);
  });

  it('keeps the answer’s own headings below the per-message `##`, leaving code alone', () => {
    const answer = [
      '# Debounce',
      '## Summary',
      'Wrap the call.',
      '',
      'Details',
      '-------',
      '',
      '```markdown',
      '## not a heading, code',
      '```',
      '###### deepest',
    ].join('\n');
    const markdown = exportMarkdown(exchange('Hi', answer));
    assert.deepEqual(markdown.match(/^#{1,2} .*$/gm)?.slice(1), [
      `## You · ${new Date(ASKED).toISOString()}`,
      `## Ada · ${new Date(ANSWERED).toISOString()}`,
      '## not a heading, code',
    ]);
    for (const expected of ['### Debounce', '#### Summary', '#### Details', '###### deepest'])
      assert.ok(markdown.split('\n').includes(expected), `${expected} in\n${markdown}`);
    assert.ok(!markdown.includes('-------'), 'the setext underline became the heading');
  });

  it('reads a conversation file written before answers kept their end time', () => {
    const old = exchange('Hi', 'Hello');
    delete old.messages[1]?.finishedAt;
    const parsed = parseConversation(JSON.stringify(old));
    assert.equal(parsed.messages[1]?.finishedAt, undefined);
    assert.match(exportMarkdown(parsed), new RegExp(`## Ada · ${new Date(ASKED).toISOString()}`));
  });

  it('offers to save in the folder used last, else in the home folder, named after the title', () => {
    assert.equal(
      defaultExportPath('How do I debounce…', undefined, '/home/ada'),
      path.join('/home/ada', 'How do I debounce.md'),
    );
    assert.equal(
      defaultExportPath('Notes', '/home/ada/exports', '/home/ada'),
      path.join('/home/ada/exports', 'Notes.md'),
    );
  });
});

describe('an answer records when it finished', function () {
  this.timeout(30_000);
  const harness = useChatFixture({ tokenDelayMs: 1 });
  let fx: ChatFixture;
  let chat: ChatSession;
  beforeEach(() => ({ fx, chat } = harness()));

  it('keeps it on disk and sends it to the view, apart from when the question was sent', async () => {
    await selectFirstTwin(chat);
    const before = Date.now();
    await chat.send('What is a closure?');
    const done = fx.of('chat/done')[0]?.message;
    assert.ok(done?.finishedAt !== undefined, 'chat/done carries finishedAt');
    assert.ok(done.finishedAt >= before && done.finishedAt <= Date.now());
    const saved = (await fx.session().viewState()).conversation.messages;
    assert.equal(saved.at(-1)?.finishedAt, done.finishedAt);
    assert.equal(saved.at(-2)?.finishedAt, undefined, 'a question has only its sent time');
  });
});
