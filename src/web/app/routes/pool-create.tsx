import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { paths } from '@/config/paths.ts';
import { useCreatePool } from '@/features/pools/api/mutations.ts';
import {
  PoolForm,
  PoolFormSkeleton,
} from '@/features/pools/components/pool-form.tsx';
import { PoolPrefillNotice } from '@/features/pools/components/pool-prefill-notice.tsx';
import { usePoolPrefill } from '@/features/pools/components/use-pool-prefill.ts';
import { poolDraftScope } from '@/features/pools/drafts.ts';
import type { PoolFormValues } from '@/features/pools/schemas.ts';
import { providerQueries } from '@/features/providers/api/queries.ts';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessNotice } from '@/features/session/components/write-access-notice.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { ApiError } from '@/lib/errors.ts';
import { notify } from '@/lib/notify.ts';

export function PoolCreateRoute() {
  const { providerId = '' } = useParams();
  const navigate = useNavigate();
  const provider = useQuery(providerQueries.detail(providerId));
  const createPool = useCreatePool(providerId);
  // ?copy_of= or ?template=: what the form starts from (see usePoolPrefill).
  const [searchParams] = useSearchParams();
  const prefill = usePoolPrefill(providerId, searchParams);
  const access = useWriteAccess();
  useDocumentTitle('New identity pool');

  const crumbs = [
    { label: 'Identity providers', href: paths.home.getHref() },
    {
      label: provider.data?.display_name ?? providerId,
      href: paths.provider.getHref(providerId),
    },
    { label: 'New pool' },
  ];

  // Only a missing provider stops the form; if its name fails to load for
  // another reason the breadcrumb shows the id and creating still works.
  if (provider.error instanceof ApiError && provider.error.status === 404) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <ApiErrorView error={provider.error} />
      </>
    );
  }

  if (!access.canWrite) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <h1 className="mb-4 text-2xl font-semibold">New identity pool</h1>
        <WriteAccessNotice
          title="You cannot create pools"
          backHref={paths.provider.getHref(providerId)}
          backLabel="Back to the provider’s pools"
        >
          {access.reason}
        </WriteAccessNotice>
      </>
    );
  }

  async function create(values: PoolFormValues) {
    const pool = await createPool.mutateAsync(values);
    notify.success(`Created ${pool.display_name}`);
    // Replace, so Back from the new pool does not return to a spent form.
    void navigate(paths.pool.getHref(providerId, pool.id), { replace: true });
  }

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <h1 className="mb-4 text-2xl font-semibold">New identity pool</h1>
      <PoolPrefillNotice providerId={providerId} state={prefill} />
      {prefill.status === 'ready' ? (
        // Drafts share the provider's one scope whatever the starting point,
        // so a draft typed earlier is offered here, never overwritten.
        <PoolForm
          key={prefill.key}
          defaultValues={prefill.values}
          initialTemplateId={
            prefill.prefill.kind === 'template'
              ? prefill.prefill.template.id
              : undefined
          }
          submitLabel="Create pool"
          pendingLabel="Creating…"
          onSubmit={create}
          isPending={createPool.isPending}
          cancelHref={paths.provider.getHref(providerId)}
          providerIssuer={provider.data?.issuer}
          providerId={providerId}
          draft={{ scope: poolDraftScope(providerId), base: null }}
        />
      ) : (
        prefill.status === 'loading' && <PoolFormSkeleton />
      )}
    </>
  );
}
