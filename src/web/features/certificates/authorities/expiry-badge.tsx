import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { cn } from '@/lib/cn.ts';
import { EXPIRY_WARNING_DAYS, expiryStatus } from './chain-facts.ts';

const BADGE =
  'inline-block rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap';

/**
 * When a certificate expires, relative to now (the exact time on hover and
 * focus), with a badge once it has expired or will within
 * {@link EXPIRY_WARNING_DAYS} days: words, not only a colour.
 */
export function ExpiryBadge({
  expiresAt,
  now,
  className,
}: {
  expiresAt: string | undefined;
  now: number;
  className?: string;
}) {
  const status = expiryStatus(expiresAt, now);
  if (status === 'unknown') {
    return <span className="text-slate-600 italic">Not reported</span>;
  }
  return (
    <span
      className={cn('inline-flex flex-wrap items-center gap-x-2', className)}
    >
      <RelativeTime value={expiresAt} />
      {status === 'expired' && (
        <span className={cn(BADGE, 'bg-red-100 text-red-900')}>Expired</span>
      )}
      {status === 'expiring' && (
        <span className={cn(BADGE, 'bg-amber-100 text-amber-900')}>
          Expires within {EXPIRY_WARNING_DAYS} days
        </span>
      )}
    </span>
  );
}
