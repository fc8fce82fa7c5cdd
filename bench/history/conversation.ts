// The conversation bench/history.ts opens: realistic messages (prose, lists, code blocks, tables).
import type { ConversationView, MessageView } from '../../src/shared/protocol';
import { conversation, message } from '../../test/webview/harness/state';

const QUESTIONS = [
  'How do I debounce a function in TypeScript?',
  'Why does my `useEffect` run twice in development?',
  'Can you compare these three approaches and tell me which one scales?',
  'Explain the difference between `Promise.all` and `Promise.allSettled`, with an example.',
  'What does this error mean: `TypeError: Cannot read properties of undefined (reading "map")`?',
  'Write a SQL query that finds the top 5 customers by revenue per month.',
];

function code(i: number, lines: number): string {
  const body = Array.from(
    { length: lines },
    (_, l) =>
      `  const value${l} = items.filter((item) => item.score > ${l + i}).length; // step ${l}`,
  );
  return [
    '```ts',
    `export function summarise${i}(items: Item[]): number {`,
    ...body,
    '  return 0;',
    '}',
    '```',
  ].join('\n');
}

function table(i: number, rows: number): string {
  const lines = ['| approach | latency (ms) | memory | notes |', '|---|--:|--:|---|'];
  for (let r = 0; r < rows; r++)
    lines.push(
      `| option ${r + 1} | ${(i * 7 + r * 13) % 400} | ${(r + 1) * 12} MB | fine for ${r + 2}x load |`,
    );
  return lines.join('\n');
}

function assistantText(i: number): string {
  const intro = `Here is how I would approach it (answer ${i}). The short version: keep the **hot path** small, measure before optimising, and prefer \`const\` bindings.`;
  switch (i % 5) {
    case 0:
      return `${intro}\n\n- First, check the inputs.\n- Then, cache what is expensive.\n- Finally, [read the docs](https://example.com/docs/${i}).\n\nThat usually covers it.`;
    case 1:
      return `${intro}\n\n${code(i, 12 + (i % 10))}\n\nCall it once per batch, not per item.`;
    case 2:
      return `${intro}\n\n${table(i, 5 + (i % 4))}\n\nOption 2 is the best trade-off for most teams.`;
    case 3:
      return `### Step by step\n\n1. Reproduce the problem.\n2. Add a failing test.\n3. Fix it.\n\n\`\`\`python\ndef top_customers(rows):\n    return sorted(rows, key=lambda r: r.revenue, reverse=True)[:5]\n\`\`\`\n\n> Tip: run it against a copy of production data.\n\n${intro}`;
    default:
      return `Yes. ${intro}`;
  }
}

export function longConversation(count: number, id = 'long'): ConversationView {
  const messages: MessageView[] = [];
  for (let i = 0; i < count; i++) {
    const turn = Math.floor(i / 2);
    const text = i % 2 === 0 ? QUESTIONS[turn % QUESTIONS.length]! : assistantText(turn);
    messages.push(
      message(`m${i}`, i % 2 === 0 ? 'user' : 'assistant', text, {
        createdAt: 1_700_000_000_000 + i * 60_000,
      }),
    );
  }
  return { ...conversation(messages, id), title: `${count} messages` };
}
