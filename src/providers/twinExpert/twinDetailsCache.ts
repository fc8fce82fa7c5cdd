// Twin details (GET /twins/{id}) for the picker's detail line. The list (GET /twins) may carry no
// description at all (its fields are undocumented, api-spec T1), so the first twins' details are
// fetched when the list is, a few at a time, and kept for a while: each one is a request counted
// against the key's hourly quota. A detail that cannot be fetched leaves the list's own text.
import { MAX_DESCRIPTION_CHARS, clipText } from '../labels';
import type { ChatTarget, TargetDetails } from '../types';
import type { TwinDetails } from './twinDetails';

/** Only the top of the list: a picker shows about ten rows before the user types to filter. */
export const MAX_DETAILED_TWINS = 10;
/** Details fetched within this time are not fetched again when the list is refreshed. */
export const DETAILS_MAX_AGE_MS = 15 * 60_000;
const CONCURRENT_FETCHES = 3;

export type FetchTwinDetails = (id: string, signal?: AbortSignal) => Promise<TwinDetails>;

/** The description, then the other text fields, as one line. */
export function detailLine(
  listDescription: string | undefined,
  details: TwinDetails | undefined,
): string | undefined {
  const parts = [
    details?.description ?? listDescription,
    ...(details?.fields ?? []).map((f) => f.value),
  ];
  const text = parts.filter((part) => part !== undefined && part !== '').join(' · ');
  return text ? clipText(text, MAX_DESCRIPTION_CHARS) : undefined;
}

/** The text the chat header shows beside the twin. */
function targetDetails(details: TwinDetails): TargetDetails {
  return {
    ...(details.description ? { description: details.description } : {}),
    fields: details.fields.map(({ name, value }) => ({ name, value })),
  };
}

export class TwinDetailsCache {
  private readonly entries = new Map<string, { details: TwinDetails; at: number }>();

  constructor(
    private readonly fetch: FetchTwinDetails,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string): TwinDetails | undefined {
    return this.entries.get(id)?.details;
  }

  /** The targets with detail lines, after fetching the stale details of the first few. */
  async enrich(targets: readonly ChatTarget[], signal?: AbortSignal): Promise<ChatTarget[]> {
    const stale = targets.slice(0, MAX_DETAILED_TWINS).filter((t) => !this.isFresh(t.id));
    for (let i = 0; i < stale.length && !signal?.aborted; i += CONCURRENT_FETCHES) {
      const batch = stale.slice(i, i + CONCURRENT_FETCHES);
      await Promise.all(batch.map((target) => this.load(target.id, signal)));
    }
    return targets.map((target) => {
      const details = this.get(target.id);
      const description = detailLine(target.description, details);
      return {
        ...target,
        ...(description ? { description } : {}),
        ...(details ? { details: targetDetails(details) } : {}),
      };
    });
  }

  private isFresh(id: string): boolean {
    const entry = this.entries.get(id);
    return entry !== undefined && this.now() - entry.at < DETAILS_MAX_AGE_MS;
  }

  private async load(id: string, signal?: AbortSignal): Promise<void> {
    try {
      this.entries.set(id, { details: await this.fetch(id, signal), at: this.now() });
    } catch {
      // The list's own description stays; the next refresh tries again.
    }
  }
}
