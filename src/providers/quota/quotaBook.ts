// Remembers, in memory only, the latest rate-limit reading per service and key. Keys are held as a
// short fingerprint: the book is shown in tooltips and passed to listeners, and a secret must never
// travel with it.
import { createHash } from 'node:crypto';
import type { Quota, QuotaReading, QuotaRecorder } from './types';

export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

export class QuotaBook implements QuotaRecorder {
  private readonly readings = new Map<string, QuotaReading>();
  private readonly listeners = new Set<(reading: QuotaReading) => void>();

  record(service: string, key: string, quota: Quota): void {
    const keyId = keyFingerprint(key);
    const id = `${service}\u0000${keyId}`;
    const previous = this.readings.get(id);
    // Responses of concurrent requests can arrive out of order; the newest observation wins.
    if (previous && previous.quota.observedAt > quota.observedAt) return;
    const reading = { service, keyId, quota };
    this.readings.set(id, reading);
    for (const listener of this.listeners) listener(reading);
  }

  latest(service: string, key: string): Quota | undefined {
    return this.readings.get(`${service}\u0000${keyFingerprint(key)}`)?.quota;
  }

  /** The newest reading of any key of `service`: the one a user with one key at a time has. */
  latestFor(service: string): QuotaReading | undefined {
    let newest: QuotaReading | undefined;
    for (const reading of this.readings.values()) {
      if (reading.service !== service) continue;
      if (!newest || reading.quota.observedAt >= newest.quota.observedAt) newest = reading;
    }
    return newest;
  }

  all(): QuotaReading[] {
    return [...this.readings.values()];
  }

  onDidRecord(listener: (reading: QuotaReading) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }
}
