// Helpers to read untrusted JSON without `any`: everything off the wire starts as `unknown`.

export type JsonRecord = Readonly<Record<string, unknown>>;

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonRecord)
    : undefined;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

export function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string') return value;
  return undefined;
}

/**
 * A payload whose `status` says it failed: `"error"`/`"failed"`, or an HTTP status of 400 or more
 * (a number or a numeric string), as servers put it beside or instead of `success:false`.
 */
export function statusSaysFailure(json: JsonRecord): boolean {
  const status = json.status;
  if (typeof status === 'string' && /^(error|failed|failure)$/i.test(status.trim())) return true;
  const code = asNumber(status);
  return json.success === 'false' || (code !== undefined && code >= 400);
}

/** A string id, accepting numbers too: servers are not consistent about id types. */
export function asId(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** `message` may be a string or, for NestJS validation errors, an array of strings. */
export function messageText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const parts = value.filter((part): part is string => typeof part === 'string');
    return parts.length > 0 ? parts.join('; ') : undefined;
  }
  return undefined;
}
