import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { effectiveAccess } from '#contract/effective-access.ts';
import { useDirectory } from '@/hooks/use-directory.ts';
import { directoryQueries } from '@/lib/directory-queries.ts';
import { getErrorMessage } from '@/lib/errors.ts';
import { poolBindingQueries } from '../api/role-bindings.ts';

/** A saved test case whose result the edit flips, as far as access goes. */
export type FlippedCase = { id: string; name: string; nowMatches: boolean };

function caseNames(list: readonly FlippedCase[]): string {
  return list.map((testCase) => testCase.name).join(', ');
}

/**
 * What a filter change does to the access of the saved test tokens it
 * flips: a token that starts matching gains the pool's role bindings, one
 * that stops loses them (unless another pool of the provider gives the same;
 * the review sees only this pool). Reads the pool's first page of bindings.
 */
export function AccessChange({
  providerId,
  poolId,
  flipped,
}: {
  providerId: string;
  poolId: string;
  flipped: readonly FlippedCase[];
}) {
  const organization = useQuery(directoryQueries.organization());
  const organizationId = organization.data?.id;
  const bindings = useQuery({
    ...poolBindingQueries.firstPage(providerId, poolId, organizationId ?? ''),
    enabled: organizationId !== undefined && flipped.length > 0,
  });
  const { names } = useDirectory();
  const listed = bindings.data?.data;
  const entries = useMemo(
    () =>
      listed &&
      effectiveAccess(
        listed.map((binding) => ({ poolId, binding })),
        names,
      ),
    [listed, poolId, names],
  );
  if (flipped.length === 0) return null;
  const failure = organization.error ?? bindings.error;
  if (failure) {
    return (
      <p>
        Lifeguard could not list the pool’s role bindings (
        {getErrorMessage(failure).replace(/\.$/, '')}), so it cannot say what
        access the change adds or removes.
      </p>
    );
  }
  if (!entries) return <p>Looking up what access this pool gives…</p>;
  const gaining = flipped.filter((testCase) => testCase.nowMatches);
  const losing = flipped.filter((testCase) => !testCase.nowMatches);
  const total = bindings.data?.metadata.total_size ?? listed!.length;
  if (entries.length === 0) {
    return (
      <p>
        The pool holds no role bindings, so the change adds or removes no access
        for them.
      </p>
    );
  }
  return (
    <div className="mt-2 grid gap-1">
      {gaining.length > 0 && (
        <p>
          <span className="font-semibold">Access added</span> for{' '}
          {caseNames(gaining)}, now landing in this pool.
        </p>
      )}
      {losing.length > 0 && (
        <p>
          <span className="font-semibold">Access removed</span> for{' '}
          {caseNames(losing)}, no longer landing in this pool (unless another
          pool of the provider gives the same).
        </p>
      )}
      <p>The access this pool gives:</p>
      <ul
        aria-label="Access the change adds or removes"
        className="ml-4 list-disc"
      >
        {entries.map((entry) => (
          <li key={`${entry.role} ${entry.crnPattern}`}>{entry.description}</li>
        ))}
      </ul>
      {total > listed!.length && (
        <p>…and {total - listed!.length} more bindings, not listed here.</p>
      )}
    </div>
  );
}
