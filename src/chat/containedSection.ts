// An exported conversation gives each message a `##` heading ("## You", "## Ada"). Whatever a
// message holds (model output, a server's history, an answer stopped half way) must stay inside
// its own section: its headings sit below that level, and nothing in it may run on into the
// messages after it (an open code fence, an HTML block that only its closing marker ends).

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^( {0,3})(#{1,6})(?=[ \t]|$)/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
/** Lines that cannot be the text of a setext heading: list items, quotes, tables, code, fences. */
const NOT_PARAGRAPH = /^(?: {4}|\s*(?:[-*+>#|`~]|\d+[.)]))/;
/**
 * CommonMark's HTML blocks that run until a closing marker rather than a blank line (`<!--`,
 * `<script`, `<pre`, `<style`, `<textarea`, `<?`, `<!DOCTYPE`, `<![CDATA[`): one left open hides
 * every later message in a rendered export.
 */
const HTML_BLOCK_UNTIL_MARKER =
  /^( {0,3})<(?=!--|\?|![A-Za-z]|!\[CDATA\[|(?:script|pre|style|textarea)(?:[\s>]|$))/i;
/** CommonMark ends a line at LF, CR LF or a lone CR: a lone CR must not hide a heading. */
const LINE_END = /\r\n?|\n/;
const MAX_LEVEL = 6;

function isClosingFence(line: string, open: string): boolean {
  const close = FENCE.exec(line)?.[1];
  return (
    close !== undefined &&
    close[0] === open[0] &&
    close.length >= open.length &&
    line.trim() === close
  );
}

function heading(level: number, text: string): string {
  return `${'#'.repeat(Math.min(MAX_LEVEL, level))} ${text}`;
}

/**
 * `markdown` made safe to stand as one section of a larger document:
 * - every heading moves down `by` levels (capped at `######`); setext headings (a line underlined
 *   with `===` or `---`) become ATX headings at their demoted level;
 * - an HTML block that would run until a closing marker starts as text instead (`&lt;`);
 * - a code fence left open (an answer stopped mid-code) is closed at the end.
 * Text inside fenced code is left alone. Lines end with LF.
 */
export function containedSection(markdown: string, by: number): string {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split(LINE_END)) {
    if (fence !== undefined) {
      if (isClosingFence(line, fence)) fence = undefined;
      out.push(line);
      continue;
    }
    fence = FENCE.exec(line)?.[1];
    const atx = ATX.exec(line);
    const underline = SETEXT_UNDERLINE.exec(line)?.[1];
    const previous = out.at(-1);
    if (atx?.[2]) {
      out.push(
        `${'#'.repeat(Math.min(MAX_LEVEL, atx[2].length + by))}${line.slice(atx[0].length)}`,
      );
    } else if (underline && previous?.trim() && !NOT_PARAGRAPH.test(previous)) {
      out[out.length - 1] = heading((underline[0] === '=' ? 1 : 2) + by, previous.trim());
    } else {
      out.push(line.replace(HTML_BLOCK_UNTIL_MARKER, '$1&lt;'));
    }
  }
  if (fence !== undefined) out.push(fence);
  return out.join('\n');
}
