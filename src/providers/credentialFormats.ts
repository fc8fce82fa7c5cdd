// The shapes of credentials, checked locally before anything is sent, so a typo gets a precise
// message instead of a server's 401. Shared by the providers and the input boxes that store them.

/**
 * Only `ak_` keys are evidenced (api-spec 2.1: third-party code; the server rejects other shapes
 * with "Invalid API key format"). The tail stays lenient (read-only keys look like `ak_ro_…`)
 * so an unexpected but valid key is left for the server to judge.
 */
export const TWINEXPERT_KEY_FORMAT = /^ak_[A-Za-z0-9_-]{8,}$/;

/** Bot tokens are UUIDs in every documented example (api-spec K1 `bot_token`). */
export const KAMIMIND_BOT_TOKEN_FORMAT =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The bearer token format is undocumented; only reject what cannot be a header token at all. */
export const KAMIMIND_TOKEN_FORMAT = /^[A-Za-z0-9._~+/=-]{8,}$/;

/**
 * A credential as people paste it: copied from a curl example or a config file it may carry the
 * header's `Bearer ` word (or the whole `Authorization: Bearer `), quotes around it, or a line
 * break. None of these can be part of a token, so the secret is what is left; refusing the paste
 * instead would show a format hint to someone whose key is right.
 */
export function pastedCredential(value: string): string {
  const bare = unquoted(value).replace(/^(?:authorization:\s*)?bearer\s+/i, '');
  return unquoted(bare);
}

function unquoted(value: string): string {
  const text = value.trim();
  const quoted = /^(["'`])(.*)\1$/s.exec(text);
  return quoted ? (quoted[2] ?? '').trim() : text;
}
