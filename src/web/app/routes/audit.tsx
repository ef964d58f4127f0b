import { useQuery } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { paths } from '@/config/paths.ts';
import {
  AuditLog,
  type TargetNameComponent,
} from '@/features/audit/components/audit-log.tsx';
import { allCertificatePoolsQuery } from '@/features/certificates/api/all-pools.ts';
import { authorityQueries } from '@/features/certificates/api/queries.ts';
import { allGroupMappingsQuery } from '@/features/group-mappings/api/all-group-mappings.ts';
import { allPoolsQuery } from '@/features/pools/api/all-pools.ts';
import { providerQueries } from '@/features/providers/api/queries.ts';
import { useSession } from '@/features/session/api/use-session.ts';
import { WriteAccessNotice } from '@/features/session/components/write-access-notice.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

// The page of providers the providers screen shows (and caches), and the
// first page of certificate authorities (an organization has few).
const PROVIDERS_PAGE = { pageSize: 100 };
const AUTHORITIES_PAGE = { pageSize: 100 };

/**
 * An entry's object by its current name, read from its own feature's lists
 * (one walk per provider or authority in view, shared with its screen, and
 * one of the group mappings), since ids alone do not tell objects apart for
 * people.
 */
function AuditTargetName({
  kind,
  id,
  parentId = '',
  fallback,
}: ComponentProps<TargetNameComponent>) {
  const providers = useQuery({
    ...providerQueries.list(PROVIDERS_PAGE),
    enabled: kind === 'identity-provider',
  });
  const pools = useQuery({
    ...allPoolsQuery(parentId),
    enabled: kind === 'identity-pool',
  });
  const mappings = useQuery({
    ...allGroupMappingsQuery(),
    enabled: kind === 'group-mapping',
  });
  const authorities = useQuery({
    ...authorityQueries.list(AUTHORITIES_PAGE),
    enabled: kind === 'certificate-authority',
  });
  const certificatePools = useQuery({
    ...allCertificatePoolsQuery(parentId),
    enabled: kind === 'certificate-pool',
  });
  const list: readonly { id: string; display_name: string }[] | undefined = {
    'identity-provider': providers.data?.data ?? undefined,
    'identity-pool': pools.data,
    'group-mapping': mappings.data,
    'certificate-authority': authorities.data?.data ?? undefined,
    'certificate-pool': certificatePools.data,
  }[kind];
  return list?.find((each) => each.id === id)?.display_name ?? fallback;
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
          Your role is viewer. You can still read an object’s own history: open
          the pool or group mapping and choose its History tab.
        </WriteAccessNotice>
      )}
    </>
  );
}
