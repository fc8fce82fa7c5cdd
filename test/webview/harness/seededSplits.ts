// Deterministic delta boundaries for property tests: the same seed always cuts a text the same
// way, so a failure names a seed that reproduces it.

/** mulberry32: a tiny seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Cuts `text` into non-empty pieces of 1 to `2 * meanLength - 1` UTF-16 code units, so cuts fall
 * anywhere: inside a surrogate pair, between a letter and its combining mark, between \r and \n.
 */
export function seededSplit(text: string, seed: number, meanLength: number): string[] {
  const random = seededRandom(seed);
  const pieces: string[] = [];
  for (let start = 0; start < text.length;) {
    const length = 1 + Math.floor(random() * (2 * meanLength - 1));
    pieces.push(text.slice(start, start + length));
    start += length;
  }
  return pieces;
}

/** One code unit per delta: every prefix of the text is drawn once. */
export function codeUnits(text: string): string[] {
  return text.split('');
}
