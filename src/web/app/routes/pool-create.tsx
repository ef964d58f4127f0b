import { useParams, useSearchParams } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { paths } from '@/config/paths.ts';
import { PoolCreator } from '@/features/pools/form/pool-creator.tsx';
import { useProviderPage } from '@/features/providers/components/use-provider-page.tsx';
import { WriteAccessGate } from '@/features/session/components/write-access-gate.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { ApiError } from '@/lib/errors.ts';

export function PoolCreateRoute() {
  const { providerId = '' } = useParams();
  // ?copy_of= or ?template=: what the form starts from.
  const [searchParams] = useSearchParams();
  const provider = useProviderPage(providerId);
  useDocumentTitle('New identity pool');
  // Only a missing provider stops the form; if its name fails to load for
  // another reason the breadcrumb shows the id and creating still works.
  const { error } = provider.query;
  const isMissing = error instanceof ApiError && error.status === 404;

  return (
    <ResourceScreen
      crumbs={[...provider.crumbs, { label: 'New pool' }]}
      failure={isMissing ? <ApiErrorView error={error} /> : undefined}
      title="New identity pool"
    >
      <WriteAccessGate
        refusal="You cannot create pools"
        backHref={paths.provider.getHref(providerId)}
        backLabel="Back to the provider’s pools"
      >
        <PoolCreator
          providerId={providerId}
          providerIssuer={provider.query.data?.issuer}
          searchParams={searchParams}
        />
      </WriteAccessGate>
    </ResourceScreen>
  );
}
