import { Link } from 'react-router';
import { Td } from '@/components/ui/table.tsx';
import { paths } from '@/config/paths.ts';
import type { Pool } from '../api/pools.ts';

/**
 * A pool's first two cells in a table of pools: its name, linking to its
 * page, and its id, since names can repeat within a provider.
 */
export function PoolNameCells({
  providerId,
  pool,
}: {
  providerId: string;
  pool: Pick<Pool, 'id' | 'display_name'>;
}) {
  return (
    <>
      <Td>
        <Link
          to={paths.pool.getHref(providerId, pool.id)}
          className="font-medium text-brand-700 hover:underline"
        >
          {pool.display_name}
        </Link>
      </Td>
      <Td className="font-mono text-xs whitespace-nowrap">{pool.id}</Td>
    </>
  );
}
