import * as assert from 'node:assert/strict';
import { newConversation, type Conversation, type StoredMessage } from '../../../src/chat/model';
import { searchConversation } from '../../../src/chat/search';

function said(id: string, role: StoredMessage['role'], text: string): StoredMessage {
  return { id, role, text, status: 'complete', createdAt: 1 };
}

function conversationOf(...messages: StoredMessage[]): Conversation {
  const c = newConversation('c1', 1, { provider: 'twinexpert', id: 't1', label: 'Ada' });
  c.title = 'Debouncing';
  c.messages.push(...messages);
  return c;
}

/** True when a UTF-16 string holds half of a surrogate pair (what shows as U+FFFD). */
function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

describe('search over conversations', () => {
  it('groups every match of a conversation into one hit, naming the first and counting them', () => {
    const c = conversationOf(
      said('u1', 'user', 'How do I debounce a function?'),
      said('a1', 'assistant', 'To debounce, wrap it in a timer.'),
      said('u2', 'user', 'Thanks'),
      said('a2', 'assistant', 'Debounce again when the input changes.'),
    );
    const hits = searchConversation(c, 'debounce');
    assert.equal(hits.length, 1);
    assert.equal(hits[0]?.messageId, 'u1');
    assert.equal(hits[0]?.matches, 3);
  });

  it('never cuts an emoji in half at either end of a snippet', () => {
    // Emoji every few characters, so at some offset the 40-character radius lands inside a pair.
    const emojiText = (n: number): string => '😀ab'.repeat(n);
    for (let pad = 0; pad < 4; pad++) {
      const text = `${'x'.repeat(pad)}${emojiText(20)} needle ${emojiText(20)}`;
      const [hit] = searchConversation(conversationOf(said('u1', 'user', text)), 'needle');
      assert.ok(hit, `a hit with ${pad} characters of padding`);
      assert.equal(
        hasLoneSurrogate(hit.excerpt),
        false,
        `pad ${pad}: ${JSON.stringify(hit.excerpt)}`,
      );
    }
  });

  it('shows no Markdown fences, backticks or heading marks in a snippet', () => {
    const answer = [
      '## Debounce',
      '',
      'Use **setTimeout**:',
      '',
      '```typescript',
      'function debounce(fn: () => void) {}',
      '```',
      'Then call `debounce(save)`.',
    ].join('\n');
    const [hit] = searchConversation(conversationOf(said('a1', 'assistant', answer)), 'debounce');
    assert.ok(hit);
    assert.doesNotMatch(hit.excerpt, /```|`|##|\*\*/);
    assert.match(hit.excerpt, /Debounce Use setTimeout: function debounce/);
  });

  // Code terms are written in Markdown syntax: what a user types must be found as written, and the
  // snippet must show it (raw) when the plain-text version has lost it.
  const codeTerms: { query: string; text: string }[] = [
    { query: '__init__', text: 'Python calls `__init__` when the object is made.' },
    { query: '**kwargs', text: 'Forward **kwargs to **super**.' },
    { query: '`npm test`', text: 'Run `npm test` before pushing.' },
    { query: '# TODO', text: 'Some notes\n# TODO rename this\nmore notes' },
  ];
  for (const { query, text } of codeTerms) {
    it(`finds ${query} as written and shows it in the snippet`, () => {
      const c = conversationOf(said('u1', 'user', 'Hello'), said('a1', 'assistant', text));
      const [hit] = searchConversation(c, query.toUpperCase());
      assert.equal(hit?.messageId, 'a1', `no hit for ${query}`);
      assert.equal(hit.matches, 1);
      assert.ok(hit.excerpt.includes(query), `${query} in ${JSON.stringify(hit.excerpt)}`);
    });
  }

  it('a match outside Markdown syntax still gets a plain-text snippet', () => {
    const c = conversationOf(said('a1', 'assistant', 'Use **setTimeout** to debounce `save`.'));
    const [hit] = searchConversation(c, 'debounce');
    assert.equal(hit?.excerpt, 'Use setTimeout to debounce save.');
  });

  it('cuts a snippet around the match as written, in ASCII text as in text with diacritics', () => {
    const before = 'Some words before it, then more and more of them, until';
    const after = 'and what follows it, far past the forty characters shown.';
    for (const match of ['The Retry POLICY', 'Chính Sách Thử Lại']) {
      const text = `${before} ${match} ${after}`;
      const query = match === 'The Retry POLICY' ? 'retry policy' : 'chinh sach thu lai';
      const [hit] = searchConversation(conversationOf(said('a1', 'assistant', text)), query);
      const at = text.indexOf(match.startsWith('The') ? 'Retry' : match);
      const end = at + query.length;
      assert.equal(hit?.excerpt, `…${text.slice(at - 40, end + 40)}…`, match);
    }
  });

  it('still finds a conversation by its title alone', () => {
    const [hit] = searchConversation(conversationOf(said('u1', 'user', 'Hello')), 'debouncing');
    assert.equal(hit?.excerpt, 'Debouncing');
  });
});
