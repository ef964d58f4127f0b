import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

/** From this share of the limit on, the meter warns. */
export const QUOTA_WARNING_SHARE = 0.8;

/** What is counted: "pool" / "pools". */
export type QuotaNoun = { one: string; many: string };

export type QuotaMeterProps = Omit<ComponentProps<'div'>, 'children'> & {
  /** The limit in force (`applied_limit`). */
  limit: number;
  /** What is used, as the quota reports it; undefined when it does not. */
  usage?: number;
  /**
   * A count the caller knows itself (a list's `total_size`, a walk's
   * length), shown in place of a usage the quota does not report.
   */
  count?: number;
  noun: QuotaNoun;
  /** The meter's accessible name, e.g. "Identity pools of this provider". */
  label: string;
};

function counted(count: number, noun: QuotaNoun): string {
  return `${count} ${count === 1 ? noun.one : noun.many}`;
}

/**
 * How close something is to a Confluent quota: "7 of 50 pools" with a bar,
 * a warning from 80 % ("nearly at the limit") and at the limit ("creating
 * another will be refused"). Without a usage it shows the caller's `count`
 * the same way, or else only "Limit 12 group mappings". It never blocks
 * anything: the service refuses past the limit itself.
 *
 * ```tsx
 * const quota = useAppliedQuota({ code: QUOTA_CODES.identityPoolsPerProvider, scope: 'IDENTITY_PROVIDER', identityProvider: id });
 * {quota.limit !== undefined && (
 *   <QuotaMeter limit={quota.limit} usage={quota.usage} count={total}
 *     noun={{ one: 'pool', many: 'pools' }} label="Identity pools of this provider" />
 * )}
 * ```
 */
export function QuotaMeter({
  limit,
  usage,
  count,
  noun,
  label,
  className,
  ...props
}: QuotaMeterProps) {
  const used = usage ?? count;
  if (used === undefined) {
    return (
      <div
        data-slot="quota-meter"
        className={cn('text-sm text-slate-700', className)}
        {...props}
      >
        <p>
          <span className="sr-only">{label}: </span>
          Limit {counted(limit, noun)}
        </p>
      </div>
    );
  }
  const isFull = used >= limit;
  const isNear = !isFull && used >= limit * QUOTA_WARNING_SHARE;
  const share = limit > 0 ? Math.min(used / limit, 1) : 1;
  const text = `${used} of ${counted(limit, noun)}`;
  return (
    <div
      data-slot="quota-meter"
      className={cn('grid max-w-xs gap-1 text-sm', className)}
      {...props}
    >
      <div className="flex items-center gap-2">
        <div
          role="meter"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={limit}
          aria-valuenow={Math.min(used, limit)}
          aria-valuetext={text}
          className="h-2 w-24 shrink-0 overflow-hidden rounded-full bg-slate-200"
        >
          <div
            className={cn(
              'h-full rounded-full',
              isFull ? 'bg-red-600' : isNear ? 'bg-amber-500' : 'bg-brand-600',
            )}
            style={{ width: `${share * 100}%` }}
          />
        </div>
        <span className={cn(isFull && 'font-medium text-red-800')}>{text}</span>
      </div>
      {isFull ? (
        <p className="text-red-800">
          At the limit: creating another will be refused.
        </p>
      ) : (
        isNear && (
          <p className="text-amber-900">
            Nearly at the limit: {counted(limit - used, noun)} left.
          </p>
        )
      )}
    </div>
  );
}
