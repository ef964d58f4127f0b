import { QuotaMeter } from '@/components/ui/quota-meter.tsx';
import { useAppliedQuota } from '@/hooks/use-applied-quota.ts';
import { QUOTA_CODES } from '@/lib/quota-queries.ts';

const NOUN = { one: 'group mapping', many: 'group mappings' };

/**
 * How close the organization is to its group mapping quota. Live answers
 * list this quota without `usage`, so `count` (what the list knows for
 * sure) stands in; with neither, only the limit is shown. Says nothing
 * while the quota loads, when it fails or when none is listed: creating is
 * never held back by it, the service refuses past the limit itself.
 */
export function GroupMappingQuota({ count }: { count: number | undefined }) {
  const quota = useAppliedQuota({
    code: QUOTA_CODES.groupMappingsPerOrganization,
    scope: 'ORGANIZATION',
  });
  if (quota.limit === undefined) return null;
  return (
    <QuotaMeter
      limit={quota.limit}
      usage={quota.usage}
      count={count}
      noun={NOUN}
      label="Group mappings of the organization"
    />
  );
}
