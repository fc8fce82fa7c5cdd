import DOMPurify, { type Config } from 'dompurify';
import { ALLOWED_URI } from './uriPolicy';

// markdown-it runs with HTML off, so its output only holds the tags below; DOMPurify is the second
// wall in case a renderer rule or a library bug lets something else through. The result is a
// DocumentFragment built in an inert document, so no HTML string ever reaches the live page.
const ALLOWED_TAGS = [
  'a',
  'blockquote',
  'br',
  'code',
  'del',
  'em',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'li',
  'ol',
  'p',
  'pre',
  's',
  'span',
  'strong',
  'table',
  'tbody',
  'td',
  'th',
  'thead',
  'tr',
  'ul',
];

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title', 'class', 'start'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ADD_URI_SAFE_ATTR: ['start'],
  FORBID_ATTR: ['style'],
  RETURN_DOM_FRAGMENT: true,
};

export function sanitizeToFragment(html: string): DocumentFragment {
  return DOMPurify.sanitize(html, CONFIG);
}
