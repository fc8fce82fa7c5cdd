// The text the crash test's writer gives each message: a pure function of the message's place in
// the conversation, so the test can tell intact, cut-short and damaged messages apart.

const WORDS = [
  'tiếng Việt',
  'đường',
  'closure',
  '`map()`',
  'emoji 😀',
  'dữ liệu',
  'stream',
  '{ x: 1 }',
];

export function expectedText(index: number): string {
  const words = Array.from(
    { length: 40 + (index % 7) * 10 },
    (_, i) => WORDS[(index + i) % WORDS.length],
  );
  return `(${index}) ${words.join(' ')}`;
}

/** How the writer streams an answer: in pieces of this many UTF-16 units. */
export const DELTA_LENGTH = 13;
