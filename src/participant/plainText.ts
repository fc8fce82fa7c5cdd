// VS Code's Chat view renders everything @twin gives it as Markdown: answers, the /twins list, and
// also ChatResult.errorDetails.message (`new MarkdownString(message)`). Text that came from a
// server (a twin's name, the server's own words quoted in an error sentence) or from a file name
// is not ours, so it must show as the characters it is: no image (fetched as soon as it is shown,
// leaking its URL), no link, no HTML, no entity, no theme icon, no emphasis.
//
// CommonMark lets a backslash escape any ASCII punctuation character, which then shows as itself,
// so escaping every character that can start or end a construct turns any text into plain text:
// the reader sees exactly the text, without the backslashes. `:`, `@` and `.` are escaped too so
// no bare `https://…`, `www.…` or `name@host` becomes an autolink, and `$` so `$(icon)` stays text.

const MARKDOWN_SIGNIFICANT = /[\\`*_{}[\]()<>#+\-.!|~$&:@=]/g;

/** `text` as Markdown that shows exactly `text`. */
export function plainText(text: string): string {
  return text.replace(MARKDOWN_SIGNIFICANT, '\\$&');
}
