import * as assert from 'node:assert/strict';
import { toServerConversation } from '../../../src/providers/twinExpert/serverConversations';
import { parseTwinsPage } from '../../../src/providers/twinExpert/twins';

// VS Code's quick picks, tab titles and status bar draw a name's hidden characters as they act,
// so names and titles from the server reach them with those characters shown.

const twinLabel = (name: string) =>
  parseTwinsPage({ data: [{ id: 't1', name }] }, 1, 0).targets[0]?.label;

describe("hidden characters in the server's names and titles", () => {
  it('shows a right-to-left override in a twin name instead of reversing what follows', () => {
    assert.equal(twinLabel('Ada \u202Efdp.exe'), 'Ada ⟦U+202E⟧fdp.exe');
  });

  it('shows a zero-width space that makes one twin look like another', () => {
    assert.equal(twinLabel('Ada\u200B'), 'Ada⟦U+200B⟧');
  });

  it("shows them in a server conversation's title", () => {
    const conversation = toServerConversation({ id: 'c1', title: 'Deploy\u2066 plan\u2069' });
    assert.equal(conversation?.title, 'Deploy⟦U+2066⟧ plan⟦U+2069⟧');
  });

  it('leaves ordinary spelling alone: an emoji sequence, a Persian non-joiner', () => {
    assert.equal(twinLabel('Family 👨\u200D👩\u200D👧'), 'Family 👨\u200D👩\u200D👧');
    assert.equal(twinLabel('می\u200Cخواهم'), 'می\u200Cخواهم');
  });
});
