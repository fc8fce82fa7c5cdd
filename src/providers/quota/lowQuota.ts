// When to warn that a key is running out: once when a reading first falls below 10% of the limit,
// not again on every later request while it stays low, and again only after the key recovered (a
// new window) and ran low once more. Keys are told apart by fingerprint, services by name.
import { isLow, type QuotaReading } from './types';

export class LowQuotaWatch {
  private readonly warned = new Set<string>();

  /** True when this reading should produce a warning. */
  shouldWarn(reading: QuotaReading): boolean {
    const id = `${reading.service}\u0000${reading.keyId}`;
    if (!isLow(reading.quota)) {
      this.warned.delete(id);
      return false;
    }
    if (this.warned.has(id)) return false;
    this.warned.add(id);
    return true;
  }
}
