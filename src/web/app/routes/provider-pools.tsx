import { memo } from 'react';
import { Link, useParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import {
  ScreenActions,
  WriteActionLink,
} from '@/components/layouts/screen-actions.tsx';
import { QuotaMeter } from '@/components/ui/quota-meter.tsx';
import { paths } from '@/config/paths.ts';
import { LazyTokenAccess } from '@/features/access/components/lazy-token-access.tsx';
import { ExportProviderDialog } from '@/features/export/components/export-provider-dialog.tsx';
import { listAllPools } from '@/features/pools/api/all-pools.ts';
import { LazyMatchingPools } from '@/features/pools/filter-editing/lazy-matching-pools.tsx';
import { NewPoolFromTemplate } from '@/features/pools/list/new-pool-from-template.tsx';
import { PoolList } from '@/features/pools/list/pool-list.tsx';
import { useProviderPage } from '@/features/providers/components/use-provider-page.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { useAppliedQuota } from '@/hooks/use-applied-quota.ts';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { QUOTA_CODES } from '@/lib/quota-queries.ts';

export function ProviderPoolsRoute() {
  const { providerId = '' } = useParams();
  // The address changes with every page of the list; only the list reads
  // it, so the rest of the screen is not rendered again for a new page.
  return <ProviderPools providerId={providerId} />;
}

const ProviderPools = memo(function ProviderPools({
  providerId,
}: {
  providerId: string;
}) {
  const provider = useProviderPage(providerId);
  const access = useWriteAccess();
  const { data } = provider.query;
  useDocumentTitle(data ? `${data.display_name} pools` : 'Identity pools');

  return (
    <ResourceScreen
      crumbs={provider.crumbs}
      failure={provider.failure}
      title={data?.display_name}
      subtitle={
        <>
          <p className="mt-1 font-mono text-xs break-all text-slate-600">
            {data?.issuer ?? '\u00a0'}
          </p>
          <p className="mt-1 text-sm">
            <Link
              to={paths.providerDetail.getHref(providerId)}
              className="text-brand-700 hover:underline"
            >
              Provider details and signing keys
            </Link>
          </p>
        </>
      }
      actions={
        <ScreenActions refusal={access.reason}>
          {data && (
            <ExportProviderDialog
              provider={data}
              loadPools={(options) => listAllPools(providerId, options)}
            />
          )}
          {access.canWrite && <NewPoolFromTemplate providerId={providerId} />}
          <WriteActionLink
            to={paths.poolNew.getHref(providerId)}
            aria-keyshortcuts="n"
          >
            New pool
          </WriteActionLink>
        </ScreenActions>
      }
    >
      <PoolsQuota providerId={providerId} />
      <PoolList providerId={providerId} createDisabledReason={access.reason} />
      <details className="mt-6">
        <summary className="cursor-pointer font-medium text-brand-700">
          Find the pools a token lands in
        </summary>
        <div className="mt-3">
          <LazyMatchingPools
            providerId={providerId}
            providerIssuer={data?.issuer}
            renderAccess={(landings, refusal) => (
              <LazyTokenAccess landings={landings} refusal={refusal} />
            )}
          />
        </div>
      </details>
    </ResourceScreen>
  );
});

const POOL_NOUN = { one: 'pool', many: 'pools' };

/**
 * How close the provider is to its quota of identity pools; nothing while
 * it loads, or when the quota cannot be read or is not listed (the service
 * refuses past the limit itself, and says so).
 */
function PoolsQuota({ providerId }: { providerId: string }) {
  const quota = useAppliedQuota({
    code: QUOTA_CODES.identityPoolsPerProvider,
    scope: 'IDENTITY_PROVIDER',
    identityProvider: providerId,
  });
  if (quota.limit === undefined) return null;
  return (
    <QuotaMeter
      className="mb-3"
      limit={quota.limit}
      usage={quota.usage}
      noun={POOL_NOUN}
      label="Identity pools of this provider"
    />
  );
}
