import { useQueryClient } from '@tanstack/react-query';
import {
  isBaseCurrent as isKindBaseCurrent,
  saveBaseOf as kindSaveBaseOf,
  useVersionedSave,
  type SaveBase as KindSaveBase,
  type VersionedKind,
} from '@/hooks/use-versioned-save.ts';
import { useUpdatePool } from '../api/mutations.ts';
import { poolVersionOf, type Pool, type PoolUpdateBody } from '../api/pools.ts';
import { poolQueries } from '../api/queries.ts';
import { samePoolValues } from '../drafts.ts';
import {
  POOL_FORM_FIELDS,
  poolFormValuesOf,
  type PoolFormValues,
} from '../schemas.ts';

/** The server's version an edit builds on: what a save expects it still has. */
export type SaveBase = KindSaveBase<PoolFormValues>;

const POOL_KIND: VersionedKind<Pool, PoolFormValues> = {
  versionOf: poolVersionOf,
  valuesOf: poolFormValuesOf,
  same: samePoolValues,
};

export function saveBaseOf(pool: Pool): SaveBase {
  return kindSaveBaseOf(POOL_KIND, pool);
}

/** Whether the server's pool is still the version the edit builds on. */
export function isBaseCurrent(base: SaveBase, current: Pool): boolean {
  return isKindBaseCurrent(POOL_KIND, base, current);
}

/**
 * The PATCH body: only the fields the user changed, and of those only the
 * ones the server does not already hold, so a field someone else edited in
 * the meantime keeps their value.
 */
export function poolChangesOf(
  values: PoolFormValues,
  base: SaveBase,
  current: Pool,
): PoolUpdateBody {
  const theirs = poolFormValuesOf(current);
  const body: PoolUpdateBody = {};
  for (const name of POOL_FORM_FIELDS) {
    if (values[name] !== base.values[name] && values[name] !== theirs[name])
      body[name] = values[name];
  }
  return body;
}

/**
 * Saving an edit of one loaded pool (useVersionedSave) with a PATCH of the
 * fields the user changed; a changed filter is shown for review before it
 * is sent.
 */
export function useSavePool({
  providerId,
  poolId,
  pool,
  onSaved,
}: {
  providerId: string;
  poolId: string;
  pool: Pool;
  onSaved: (saved: Pool) => void;
}) {
  const queryClient = useQueryClient();
  const updatePool = useUpdatePool(providerId, poolId);
  const saving = useVersionedSave({
    ...POOL_KIND,
    record: pool,
    readCurrent: async () => {
      const current = await queryClient.fetchQuery(
        poolQueries.current(providerId, poolId),
      );
      queryClient.setQueryData(
        poolQueries.detail(providerId, poolId).queryKey,
        current,
      );
      return current;
    },
    review: (values, current, base) => {
      // The filter is the pool's security boundary: show the change, and
      // any test case it flips, before it is sent.
      const { filter } = poolChangesOf(values, base, current);
      return filter === undefined
        ? undefined
        : { before: current.filter, after: filter };
    },
    write: (values, base, current) => {
      const body = poolChangesOf(values, base, current);
      return Object.keys(body).length > 0
        ? updatePool.mutateAsync(body)
        : Promise.resolve(current);
    },
    onSaved,
  });
  return { ...saving, isPending: updatePool.isPending };
}
