// Locale-aware formatting helpers. The browser's Intl already knows Vietnamese, so sizes and
// relative times need no translated strings.
let locale = 'en';

export function setFormatLocale(value: string): void {
  locale = value || 'en';
}

export function humanSize(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[unit],
    // "76 byte" in short form: bytes are spelled out (with the plural), larger units stay short.
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: digits,
  }).format(value);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/**
 * Made once per locale: making a formatter costs far more than formatting, and the history list
 * formats a time on every row it renders.
 */
let relativeFormat: { locale: string; format: Intl.RelativeTimeFormat } | undefined;

function relativeFormatter(): Intl.RelativeTimeFormat {
  if (relativeFormat?.locale !== locale) {
    relativeFormat = { locale, format: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }) };
  }
  return relativeFormat.format;
}

export function relativeTime(epochMs: number, now = Date.now()): string {
  let value = (epochMs - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relativeFormatter().format(Math.round(value), unit);
    value /= size;
  }
  return '';
}

const DAY_MS = 86_400_000;

/** A message's time: the hour and minute today, with the date on older days. */
export function messageTime(epochMs: number, now = Date.now()): string {
  const sameDay = new Date(epochMs).toDateString() === new Date(now).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { timeStyle: 'short' }
    : {
        dateStyle: Math.abs(now - epochMs) < 180 * DAY_MS ? 'medium' : 'short',
        timeStyle: 'short',
      };
  return new Intl.DateTimeFormat(locale, options).format(epochMs);
}

/** The full date and time, for the tooltip. */
export function fullTime(epochMs: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'medium' }).format(
    epochMs,
  );
}
