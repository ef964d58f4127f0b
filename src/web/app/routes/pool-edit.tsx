import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { paths } from '@/config/paths.ts';
import { useUpdatePool } from '@/features/pools/api/mutations.ts';
import type { Pool, PoolUpdateBody } from '@/features/pools/api/pools.ts';
import { poolQueries } from '@/features/pools/api/queries.ts';
import {
  PoolForm,
  SaveCancelled,
  PoolFormSkeleton,
  type PoolFormDirtyFields,
} from '@/features/pools/components/pool-form.tsx';
import {
  POOL_FORM_FIELDS,
  type PoolFormValues,
} from '@/features/pools/schemas.ts';
import { LazyFilterChangeReview } from '@/features/pools/components/lazy-filter-change-review.tsx';
import { PoolLoadError } from '@/features/pools/components/pool-load-error.tsx';
import { providerQueries } from '@/features/providers/api/queries.ts';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessNotice } from '@/features/session/components/write-access-notice.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

function toFormValues(pool: Pool): PoolFormValues {
  return {
    display_name: pool.display_name,
    // Pools made in the Confluent Console can lack a description.
    description: pool.description ?? '',
    identity_claim: pool.identity_claim,
    filter: pool.filter,
  };
}

export function PoolEditRoute() {
  const { providerId = '', poolId = '' } = useParams();
  const navigate = useNavigate();
  const provider = useQuery(providerQueries.detail(providerId));
  const pool = useQuery(poolQueries.detail(providerId, poolId));
  const updatePool = useUpdatePool(providerId, poolId);
  const access = useWriteAccess();
  const [review, setReview] = useState<{ before: string; after: string }>();
  const answerRef = useRef<(confirmed: boolean) => void>(undefined);
  useDocumentTitle(
    pool.data ? `Edit ${pool.data.display_name}` : 'Edit identity pool',
  );

  const crumbs = [
    { label: 'Identity providers', href: paths.home.getHref() },
    {
      label: provider.data?.display_name ?? providerId,
      href: paths.provider.getHref(providerId),
    },
    {
      label: pool.data?.display_name ?? poolId,
      href: paths.pool.getHref(providerId, poolId),
    },
    { label: 'Edit' },
  ];

  if (pool.isError) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <PoolLoadError
          error={pool.error}
          providerId={providerId}
          onRetry={() => void pool.refetch()}
        />
      </>
    );
  }

  if (!access.canWrite) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <h1 className="mb-4 text-2xl font-semibold [overflow-wrap:anywhere]">
          {pool.data ? `Edit ${pool.data.display_name}` : 'Edit identity pool'}
        </h1>
        <WriteAccessNotice
          title="You cannot edit pools"
          backHref={paths.pool.getHref(providerId, poolId)}
          backLabel="Back to the pool"
        >
          {access.reason}
        </WriteAccessNotice>
      </>
    );
  }

  // Only what the user changed is sent, so a field someone else edited in
  // the meantime is not overwritten with the value this form loaded.
  async function save(values: PoolFormValues, dirty: PoolFormDirtyFields) {
    const body: PoolUpdateBody = {};
    for (const name of POOL_FORM_FIELDS) {
      if (dirty[name]) body[name] = values[name];
    }
    const before = pool.data?.filter;
    if (
      body.filter !== undefined &&
      before !== undefined &&
      body.filter !== before
    ) {
      // The filter is the pool's security boundary: show the change, and any
      // test case it flips, before it is sent.
      const confirmed = await new Promise<boolean>((resolve) => {
        answerRef.current = resolve;
        setReview({ before, after: body.filter! });
      });
      setReview(undefined);
      if (!confirmed) throw new SaveCancelled();
    }
    const saved = await updatePool.mutateAsync(body);
    toast.success(`Saved ${saved.display_name}`);
    // Replace, so Back from the pool does not return to a spent form.
    void navigate(paths.pool.getHref(providerId, poolId), { replace: true });
  }

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <h1 className="mb-4 text-2xl font-semibold [overflow-wrap:anywhere]">
        {pool.data ? (
          `Edit ${pool.data.display_name}`
        ) : (
          <Skeleton className="h-8 w-64" />
        )}
      </h1>
      {pool.data ? (
        <PoolForm
          key={pool.data.id}
          defaultValues={toFormValues(pool.data)}
          submitLabel="Save changes"
          pendingLabel="Saving…"
          onSubmit={save}
          isPending={updatePool.isPending}
          providerIssuer={provider.data?.issuer}
          existing={{ providerId, poolId, savedFilter: pool.data.filter }}
          cancelHref={paths.pool.getHref(providerId, poolId)}
          requireChanges
        />
      ) : (
        <PoolFormSkeleton />
      )}
      {review && (
        <LazyFilterChangeReview
          providerId={providerId}
          poolId={poolId}
          before={review.before}
          after={review.after}
          onAnswer={(confirmed) => answerRef.current?.(confirmed)}
        />
      )}
    </>
  );
}
