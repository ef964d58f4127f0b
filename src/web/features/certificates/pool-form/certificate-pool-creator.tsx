import { useQuery } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Alert } from '@/components/ui/alert.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import { notify } from '@/lib/notify.ts';
import { useCreateCertificatePool } from '../api/mutations.ts';
import { certificatePoolQueries } from '../api/queries.ts';
import { certificatePoolDraftScope } from '../drafts.ts';
import {
  EMPTY_CERTIFICATE_POOL,
  certificatePoolFormValuesOf,
  type CertificatePoolFormValues,
} from '../schemas.ts';
import {
  CertificatePoolForm,
  CertificatePoolFormSkeleton,
} from './certificate-pool-form.tsx';

// Ids as the API writes them; anything else in the URL is ignored.
const searchSchema = z.object({
  copy_of: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .catch(undefined),
});

/**
 * The new-pool form of an authority, empty or (`?copy_of=<pool id>`) a
 * copy of one of its pools under a new name; creating lands on the new
 * pool's page.
 */
export function CertificatePoolCreator({
  caId,
  searchParams,
  aside,
}: {
  caId: string;
  searchParams: URLSearchParams;
  aside?: ComponentProps<typeof CertificatePoolForm>['aside'];
}) {
  const navigate = useNavigate();
  const createPool = useCreateCertificatePool(caId);
  const { copy_of: copyOf } = searchSchema.parse(
    Object.fromEntries(searchParams),
  );
  const source = useQuery({
    ...certificatePoolQueries.detail(caId, copyOf ?? ''),
    enabled: copyOf !== undefined,
  });

  async function create(values: CertificatePoolFormValues) {
    const pool = await createPool.mutateAsync(values);
    notify.success(`Created ${pool.display_name}`);
    // Replace, so Back from the new pool does not return to a spent form.
    void navigate(certificatePaths.pool.getHref(caId, pool.id), {
      replace: true,
    });
  }

  if (copyOf !== undefined && source.isError) {
    return (
      <ApiErrorView
        error={source.error}
        onRetry={() => void source.refetch()}
        backHref={certificatePaths.poolNew.getHref(caId)}
        backLabel="Start from an empty form instead"
      />
    );
  }
  if (copyOf !== undefined && !source.data) {
    return <CertificatePoolFormSkeleton />;
  }
  const values: CertificatePoolFormValues = source.data
    ? {
        ...certificatePoolFormValuesOf(source.data),
        display_name: `${source.data.display_name} (copy)`,
      }
    : EMPTY_CERTIFICATE_POOL;

  return (
    <>
      {source.data && (
        <Alert tone="info" className="mb-4 max-w-2xl">
          A copy of{' '}
          <Link
            to={certificatePaths.pool.getHref(caId, source.data.id)}
            className="font-medium text-brand-700 underline"
          >
            {source.data.display_name}
          </Link>
          : its description, external identifier and filter, under a new name.
          Its role bindings are not copied. Nothing is saved until you create
          the pool.
        </Alert>
      )}
      {/* Drafts share the authority's one scope whatever the starting
          point, so a draft typed earlier is offered here. */}
      <CertificatePoolForm
        key={copyOf ?? 'empty'}
        defaultValues={values}
        submitLabel="Create pool"
        pendingLabel="Creating…"
        onSubmit={create}
        isPending={createPool.isPending}
        cancelHref={certificatePaths.authority.getHref(caId)}
        draft={{ scope: certificatePoolDraftScope(caId), base: null }}
        aside={aside}
        hasOwner
      />
    </>
  );
}
