import { useNavigate } from 'react-router';
import { paths } from '@/config/paths.ts';
import { notify } from '@/lib/notify.ts';
import { useCreatePool } from '../api/mutations.ts';
import { poolDraftScope } from '../drafts.ts';
import type { PoolFormValues } from '../schemas.ts';
import { PoolForm, PoolFormSkeleton } from './pool-form.tsx';
import { PoolPrefillNotice } from './pool-prefill-notice.tsx';
import { usePoolPrefill } from './use-pool-prefill.ts';

/**
 * The new-pool form, started from what `searchParams` asks (?copy_of= or
 * ?template=, see usePoolPrefill); creating lands on the new pool's page.
 */
export function PoolCreator({
  providerId,
  providerIssuer,
  searchParams,
}: {
  providerId: string;
  providerIssuer: string | undefined;
  searchParams: URLSearchParams;
}) {
  const navigate = useNavigate();
  const createPool = useCreatePool(providerId);
  const prefill = usePoolPrefill(providerId, searchParams);

  async function create(values: PoolFormValues) {
    const pool = await createPool.mutateAsync(values);
    notify.success(`Created ${pool.display_name}`);
    // Replace, so Back from the new pool does not return to a spent form.
    void navigate(paths.pool.getHref(providerId, pool.id), { replace: true });
  }

  return (
    <>
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
          providerIssuer={providerIssuer}
          providerId={providerId}
          draft={{ scope: poolDraftScope(providerId), base: null }}
          hasOwner
        />
      ) : (
        prefill.status === 'loading' && <PoolFormSkeleton />
      )}
    </>
  );
}
