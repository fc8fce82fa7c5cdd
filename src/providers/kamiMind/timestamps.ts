// KamiMind history timestamps come in two zone-less formats (api-spec K2): `2025-10-03T10:39:14.399`
// for a story and `03/10/2025 10:39:15` (dd/MM/yyyy) for each message. The zone is undocumented;
// KamiMind is a Vietnamese service, so zone-less times are read as Asia/Ho_Chi_Minh (UTC+7, no DST).
export const KAMIMIND_ZONE_OFFSET = '+07:00';

const DAY_FIRST = /^(\d{2})\/(\d{2})\/(\d{4})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

function isoFrom(local: string): string | undefined {
  const date = new Date(`${local}${KAMIMIND_ZONE_OFFSET}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Returns an ISO 8601 UTC string, or undefined for anything unrecognised. */
export function parseKamiMindTime(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const dayFirst = DAY_FIRST.exec(text);
  if (dayFirst) {
    const [, d, m, y, hh, mm, ss] = dayFirst;
    return isoFrom(`${y}-${m}-${d}T${hh}:${mm}:${ss ?? '00'}`);
  }
  const iso = ISO_LOCAL.exec(text);
  if (iso) {
    const [, y, m, d, hh, mm, ss, fraction] = iso;
    return isoFrom(`${y}-${m}-${d}T${hh}:${mm}:${ss ?? '00'}${(fraction ?? '').slice(0, 4)}`);
  }
  if (HAS_ZONE.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  return undefined;
}
