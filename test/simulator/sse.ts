// Server-Sent Events framing (WHATWG HTML "event stream" format) used by both emulated APIs.

export interface SseFrame {
  event?: string;
  data: string;
  id?: string;
}

/**
 * One event. `compact` drops the optional space after the colon (`data:{...}`), which the spec
 * allows and some servers emit; the malformedSse fault uses it to catch strict parsers.
 */
export function sseEvent(frame: SseFrame, compact = false): string {
  const sep = compact ? ':' : ': ';
  let out = '';
  if (frame.id !== undefined) out += `id${sep}${frame.id}\n`;
  if (frame.event !== undefined) out += `event${sep}${frame.event}\n`;
  for (const line of frame.data.split('\n')) out += `data${sep}${line}\n`;
  return out + '\n';
}

export function sseComment(text: string): string {
  return `: ${text}\n\n`;
}

/**
 * Lines a spec-compliant parser must skip without changing the answer: a line without a colon, an
 * unknown field, an invalid `retry`, an id-only block, and one event of an unknown type whose data
 * is not even JSON.
 */
export function sseJunk(): string[] {
  return [
    'this line has no colon\n\n',
    'retry: soon\nfoo: bar\n\n',
    'id: sim-junk-1\n\n',
    'event: sim-unknown\ndata: {not json\n\n',
  ];
}
