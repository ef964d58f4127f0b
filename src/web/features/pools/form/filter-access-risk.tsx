import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { isSharedIssuer } from '#contract/bodies.ts';
import { broadAccessRisk } from '#filter/pool-risk.ts';
import { Alert } from '@/components/ui/alert.tsx';
import { useDirectory } from '@/hooks/use-directory.ts';
import { directoryQueries } from '@/lib/directory-queries.ts';
import { poolBindingQueries } from '../api/role-bindings.ts';

/**
 * Beside the filter of a pool being edited: what any token of the provider
 * could do if the filter as typed were saved while the pool holds a
 * powerful role. Reads the pool's first page of bindings.
 */
export function FilterAccessRisk({
  providerId,
  poolId,
  poolName,
  filter,
  providerIssuer,
}: {
  providerId: string;
  poolId: string;
  poolName: string;
  filter: string;
  providerIssuer: string;
}) {
  const organization = useQuery(directoryQueries.organization());
  const organizationId = organization.data?.id;
  const bindings = useQuery({
    ...poolBindingQueries.firstPage(providerId, poolId, organizationId ?? ''),
    enabled: organizationId !== undefined,
  });
  const directory = useDirectory();
  const names = directory.names;
  // Typing stays quick: the check follows a keystroke or two behind.
  const deferredFilter = useDeferredValue(filter);
  const listed = bindings.data?.data;
  const risk = useMemo(
    () =>
      listed &&
      broadAccessRisk(
        { id: poolId, display_name: poolName, filter: deferredFilter },
        listed,
        {
          issuer: providerIssuer,
          sharedIssuer: isSharedIssuer(providerIssuer),
          names,
        },
      ),
    [listed, poolId, poolName, deferredFilter, providerIssuer, names],
  );
  if (!risk) return null;
  return (
    <Alert tone="warning" role="status" className="[overflow-wrap:anywhere]">
      <p className="font-semibold">
        {risk.breadth === 'matches-every-token'
          ? 'With this filter, every token of the provider gets a powerful role'
          : 'With this filter, tokens of other organisations may get a powerful role'}
      </p>
      <p>{risk.message}</p>
    </Alert>
  );
}
