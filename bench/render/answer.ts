// The answer bench/render.ts streams: ~200 KB of markdown with every block type the view renders.

function section(i: number): string {
  return [
    `## Part ${i}: notes on the design\n`,
    `This paragraph explains **part ${i}** with \`inline code\`, a [link](https://example.com/${i}) and some *emphasis*. `.repeat(
      3,
    ) + '\n',
    `- first point about ${i}\n- second point, a little longer than the first\n- third point\n`,
    '```ts\n' +
      `export function part${i}(input: string): number {\n  const words = input.split(/\\s+/);\n  return words.length * ${i};\n}\n` +
      '```\n',
    `| key | value |\n|---|--:|\n| alpha | ${i} |\n| beta | ${i * 2} |\n`,
    `> A quotation for part ${i}.\n`,
  ].join('\n');
}

export function answer(targetBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < targetBytes && i < 10_000; i++) {
    const next = section(i);
    parts.push(next);
    size += next.length;
  }
  return parts.join('\n');
}
