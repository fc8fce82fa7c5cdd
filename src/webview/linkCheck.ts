import { codePointLabel, hiddenCharacters } from '../shared/hiddenCharacters';

// What the user is shown before a link from an answer opens. The address is parsed the way the
// browser will parse it (WHATWG URL), and shown in that encoded form with the host on a line of
// its own: a decoded address can be made to show one host and open another
// (`https://github.com%2F…%E2%80%AE@evil.example/` reads as github.com; twenty `%0A` push the real
// host out of the dialog). Links whose address can only mislead are refused, not confirmed.
// No `vscode` here, so the decision and its text are tested in plain Node.

export type LinkRefusal = 'notWeb' | 'unparsable' | 'userInfo' | 'hiddenCharacters';

export type LinkCheck =
  | { kind: 'open'; host: string; address: string }
  | { kind: 'refuse'; reason: LinkRefusal; address: string; hidden: string[] };

/** The translator of the caller (vscode.l10n.t in the extension), `{0}` placeholders. */
export type Translate = (message: string, ...args: string[]) => string;

const PERCENT_RUN = /(?:%[0-9a-f]{2})+/gi;
/** C0 and C1 controls, which a dialog may draw as line breaks or nothing. */
const CONTROL = /\p{Cc}/gu;

/** Decodes %XX runs as UTF-8, keeping what is not valid UTF-8 as U+FFFD rather than failing. */
function percentDecoded(text: string): string {
  const decoder = new TextDecoder('utf-8');
  return text.replace(PERCENT_RUN, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (hex) => parseInt(hex, 16));
    return decoder.decode(bytes);
  });
}

/** Controls, format (Cf, bidi included) and other invisible characters, as `U+XXXX` labels. */
function hiddenIn(raw: string): string[] {
  const found = new Set<string>();
  // Decoded twice: a double-encoded character is still one decode away from the screen.
  for (const text of [raw, percentDecoded(raw), percentDecoded(percentDecoded(raw))]) {
    for (const control of text.match(CONTROL) ?? []) found.add(codePointLabel(control));
    for (const label of hiddenCharacters(text)) found.add(label);
  }
  return [...found];
}

/** `user@` or `user:password@` before the host, even an empty one that URL would drop. */
function hasUserInfo(raw: string, url: URL): boolean {
  if (url.username !== '' || url.password !== '') return true;
  const authority = /^[a-z][a-z\d+.-]*:[\\/]*([^\\/?#]*)/i.exec(raw.trim())?.[1] ?? '';
  return authority.includes('@');
}

export function checkLink(raw: string): LinkCheck {
  const refuse = (reason: LinkRefusal, address = raw, hidden: string[] = []): LinkCheck => ({
    kind: 'refuse',
    reason,
    address: address.replace(CONTROL, (c) => encodeURIComponent(c)),
    hidden,
  });
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return refuse('unparsable', encodeURI(raw.slice(0, 2000).replace(/\p{Cs}/gu, '\uFFFD')));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse('notWeb', url.href);
  if (hasUserInfo(raw, url)) return refuse('userInfo', url.href);
  const hidden = hiddenIn(raw);
  if (hidden.length > 0) return refuse('hiddenCharacters', url.href, hidden);
  // url.hostname is ASCII: an international name shows as punycode (xn--…), so a Cyrillic "а"
  // cannot pass for a Latin "a".
  return { kind: 'open', host: url.hostname, address: url.href };
}

export interface LinkDialog {
  message: string;
  /** Host first, on its own line; then the encoded address. */
  detail: string;
  canOpen: boolean;
}

function refusalText(check: Extract<LinkCheck, { kind: 'refuse' }>, t: Translate): string {
  switch (check.reason) {
    case 'notWeb':
      return t('This link was not opened: only http and https links open from an answer.');
    case 'unparsable':
      return t('This link was not opened: its address is not a valid web address.');
    case 'userInfo':
      return t(
        'This link was not opened: the text before "@" in its address can disguise the site it really opens.',
      );
    case 'hiddenCharacters':
      return t(
        'This link was not opened: its address holds hidden characters ({0}) that can disguise the site it really opens.',
        check.hidden.slice(0, 8).join(', '),
      );
  }
}

/** The dialog for a link from an answer: a confirmation, or a refusal saying why. */
export function linkDialog(check: LinkCheck, t: Translate): LinkDialog {
  if (check.kind === 'open') {
    return {
      message: t('Open this link from the answer in your browser?'),
      detail: `${t('Site: {0}', check.host)}\n${t('Address: {0}', check.address)}`,
      canOpen: true,
    };
  }
  return {
    message: refusalText(check, t),
    detail: t('Address: {0}', check.address),
    canOpen: false,
  };
}
