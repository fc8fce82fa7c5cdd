// GET /twins/{id} (api-spec T2): documented without a response, so the twin is looked for in
// `data`, `data.twin` or the bare body, and only text fields are kept. Images (avatarUrl and the
// like) are deliberately dropped: the UI shows initials, and never loads a remote image.
import { asId, asRecord, firstString, type JsonRecord } from '../json';
import { MAX_DESCRIPTION_CHARS, MAX_LABEL_CHARS, clipLabel, clipText } from '../labels';
import { providerError } from '../messages';
import { teJson, type TeContext } from './context';

export interface TwinDetailField {
  /** The server's field name, e.g. `expertise`: callers translate the ones they know. */
  name: string;
  value: string;
}

export interface TwinDetails {
  id: string;
  name: string;
  description?: string;
  /** Other short text fields, in this order, when present. */
  fields: TwinDetailField[];
}

/** Text fields worth showing beside a twin, in the order shown. */
const TEXT_FIELDS = ['headline', 'expertise', 'specialty', 'category', 'language', 'tags'] as const;

function twinRecord(json: unknown): JsonRecord | undefined {
  const root = asRecord(json);
  const data = asRecord(root?.data);
  const candidates = [asRecord(data?.twin), data, asRecord(root?.twin), root];
  return candidates.find((c) => c !== undefined && twinId(c) !== undefined);
}

function twinId(twin: JsonRecord): string | undefined {
  return asId(twin.id) ?? asId(twin._id) ?? asId(twin.twin_id) ?? asId(twin.twinId);
}

function fieldText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const words = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return words.length > 0 ? words.join(', ') : undefined;
  }
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function parseTwinDetails(json: unknown): TwinDetails | undefined {
  const twin = twinRecord(json);
  const id = twin && twinId(twin);
  if (!twin || !id) return undefined;
  const name = firstString(twin.name, twin.displayName, twin.title, twin.fullName) ?? id;
  const about = fieldText(firstString(twin.description, twin.bio, twin.about));
  const fields: TwinDetailField[] = [];
  for (const field of TEXT_FIELDS) {
    const value = fieldText(twin[field]);
    if (value) fields.push({ name: field, value: clipText(value, MAX_LABEL_CHARS) });
  }
  return {
    id,
    name: clipLabel(name),
    ...(about ? { description: clipText(about, MAX_DESCRIPTION_CHARS) } : {}),
    fields,
  };
}

export async function getTwinDetails(
  ctx: TeContext,
  id: string,
  signal?: AbortSignal,
): Promise<TwinDetails> {
  const path = `/twins/${encodeURIComponent(id)}`;
  const { json, requestId } = await teJson(ctx, 'GET', path, signal);
  const details = parseTwinDetails(json);
  if (details) return details;
  throw providerError('protocol', ctx.service, {
    requestId,
    detail: `GET ${path}: no twin with an id in the response`,
  });
}
