import { useQuery } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { paths } from '@/config/paths.ts';
import {
  AuditLog,
  type TargetNameComponent,
} from '@/features/audit/components/audit-log.tsx';
import { allPoolsQuery } from '@/features/pools/api/all-pools.ts';
import { providerQueries } from '@/features/providers/api/queries.ts';
import { useSession } from '@/features/session/api/use-session.ts';
import { WriteAccessNotice } from '@/features/session/components/write-access-notice.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

// The page of providers the providers screen shows (and caches).
const PROVIDERS_PAGE = { pageSize: 100 };

/**
 * A target's current name: providers from their list, pools from a walk over
 * their provider's pools (one per provider in view, shared with that
 * provider's screen), since ids alone do not tell pools apart for people.
 */
function AuditTargetName({
  providerId,
  poolId,
  fallback,
}: ComponentProps<TargetNameComponent>) {
  const providers = useQuery({
    ...providerQueries.list(PROVIDERS_PAGE),
    enabled: poolId === undefined,
  });
  const pools = useQuery({
    ...allPoolsQuery(providerId),
    enabled: poolId !== undefined,
  });
  const name =
    poolId === undefined
      ? providers.data?.data?.find((provider) => provider.id === providerId)
          ?.display_name
      : pools.data?.find((pool) => pool.id === poolId)?.display_name;
  return name ?? fallback;
}

export function AuditRoute() {
  useDocumentTitle('Audit log');
  const session = useSession();
  const isAdmin = session.data?.user?.role === 'admin';
  return (
    <>
      <Breadcrumbs
        items={[
          { label: 'Identity providers', href: paths.home.getHref() },
          { label: 'Audit log' },
        ]}
      />
      <h1 className="mb-1 text-2xl font-semibold">Audit log</h1>
      <p className="mb-4 text-slate-700">
        Every change attempted through Lifeguard, newest first: who, when, what
        changed and how it ended. Date filters are whole days in UTC.
      </p>
      {isAdmin ? (
        <AuditLog TargetName={AuditTargetName} />
      ) : (
        // The server refuses the organisation's log to viewers anyway.
        <WriteAccessNotice
          title="The audit log is for admins"
          backHref={paths.home.getHref()}
          backLabel="Back to identity providers"
        >
          Your role is viewer. You can still read a pool’s own history: open the
          pool and choose its History tab.
        </WriteAccessNotice>
      )}
    </>
  );
}
