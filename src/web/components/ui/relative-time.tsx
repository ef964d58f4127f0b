import { Tooltip } from './tooltip.tsx';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 days ago", from an RFC 3339 time and now. */
// Building an Intl formatter costs far more than formatting with it (a
// tenth of a millisecond, per row of a list), so each is built once.
let relativeFormat: Intl.RelativeTimeFormat | undefined;
let absoluteFormat: Intl.DateTimeFormat | undefined;

export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const format = (relativeFormat ??= new Intl.RelativeTimeFormat('en', {
    numeric: 'auto',
  }));
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return iso;
}

export function formatAbsolute(iso: string): string {
  absoluteFormat ??= new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: 'long',
    timeZone: 'UTC',
  });
  return absoluteFormat.format(new Date(iso));
}

/** Relative time, with the absolute time on hover and keyboard focus. */
export function RelativeTime({ value }: { value: string | undefined }) {
  if (!value) return <span className="text-slate-600">—</span>;
  return (
    // Formatted when the tooltip opens, not for every row of a list.
    <Tooltip content={<AbsoluteTime value={value} />}>
      <time
        dateTime={value}
        tabIndex={0}
        className="rounded focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {formatRelative(value)}
      </time>
    </Tooltip>
  );
}

function AbsoluteTime({ value }: { value: string }) {
  return formatAbsolute(value);
}
