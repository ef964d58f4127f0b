import { useQuery } from '@tanstack/react-query';
import {
  findAppliedQuota,
  quotaQueries,
  type AppliedQuota,
  type AppliedQuotaFilter,
} from '@/lib/quota-queries.ts';

export type UseAppliedQuotaOptions = AppliedQuotaFilter & {
  /** The quota code: required here, one meter shows one quota. */
  code: string;
  /** False holds the request back (e.g. until the resource's id is known). */
  enabled?: boolean;
};

export type AppliedQuotaState = {
  /** The quota as listed; undefined while loading, on failure, or when none is listed. */
  quota: AppliedQuota | undefined;
  /** `applied_limit`: the limit after any adjustment for the organization. */
  limit: number | undefined;
  /** How much is used, when the service says (it often does not). */
  usage: number | undefined;
  defaultLimit: number | undefined;
  isPending: boolean;
  /** Why the quotas could not be read (a meter says nothing then). */
  error: unknown;
  /** Read, and the service lists no such quota. */
  isMissing: boolean;
  refetch: () => void;
};

/**
 * One applied quota, e.g. the identity pools of one provider:
 *
 * ```ts
 * const quota = useAppliedQuota({
 *   code: QUOTA_CODES.identityPoolsPerProvider,
 *   scope: 'IDENTITY_PROVIDER',
 *   identityProvider: providerId,
 * });
 * // quota.limit, quota.usage (undefined when not reported)
 * ```
 *
 * Read through `quotaQueries.applied` (a minute fresh); invalidate
 * `quotaQueries.all()` after a create or delete to move the usage.
 */
export function useAppliedQuota({
  enabled = true,
  ...filter
}: UseAppliedQuotaOptions): AppliedQuotaState {
  const query = useQuery({ ...quotaQueries.applied(filter), enabled });
  const quota = query.data ? findAppliedQuota(query.data, filter) : undefined;
  return {
    quota,
    limit: quota?.applied_limit,
    usage: quota?.usage,
    defaultLimit: quota?.default_limit,
    isPending: enabled && query.isPending,
    error: query.error,
    isMissing: query.isSuccess && quota === undefined,
    refetch: () => void query.refetch(),
  };
}
