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
