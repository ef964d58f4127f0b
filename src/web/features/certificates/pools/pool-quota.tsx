import { useQuery } from '@tanstack/react-query';
import { QuotaMeter } from '@/components/ui/quota-meter.tsx';
import { useAppliedQuota } from '@/hooks/use-applied-quota.ts';
import { QUOTA_CODES } from '@/lib/quota-queries.ts';
import { certificatePoolQueries } from '../api/queries.ts';

const NOUN = { one: 'certificate pool', many: 'certificate pools' };

/**
 * "N of M certificate pools": the authority's quota on pools, its usage
 * the quota's own when reported, else the pool list's `total_size`. Shows
 * nothing while loading or when the service lists no such quota; it never
 * blocks anything (the service refuses past the limit itself).
 */
export function CertificatePoolQuota({ caId }: { caId: string }) {
  const quota = useAppliedQuota({
    code: QUOTA_CODES.certificatePoolsPerAuthority,
    scope: 'CERTIFICATE_AUTHORITY',
    certificateAuthority: caId,
  });
  const firstPage = useQuery(
    certificatePoolQueries.list({ caId, pageSize: 1 }),
  );
  if (quota.limit === undefined) return null;
  return (
    <QuotaMeter
      limit={quota.limit}
      usage={quota.usage}
      count={firstPage.data?.metadata.total_size ?? undefined}
      noun={NOUN}
      label="Certificate pools of this authority"
    />
  );
}
