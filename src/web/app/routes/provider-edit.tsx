import { useParams } from 'react-router';
import { ResourceScreen } from '@/components/layouts/resource-screen.tsx';
import { paths } from '@/config/paths.ts';
import type { Provider } from '@/features/providers/api/providers.ts';
import {
  ProviderForm,
  ProviderFormSkeleton,
} from '@/features/providers/components/provider-form.tsx';
import { useProviderPage } from '@/features/providers/components/use-provider-page.tsx';
import { useSaveProvider } from '@/features/providers/components/use-provider-submit.ts';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessGate } from '@/features/session/components/write-access-gate.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function ProviderEditRoute() {
  const { providerId = '' } = useParams();
  const provider = useProviderPage(providerId);
  const { canWrite } = useWriteAccess();
  const { data } = provider.query;
  const title = data ? `Edit ${data.display_name}` : 'Edit identity provider';
  useDocumentTitle(title);
  const detailsHref = paths.providerDetail.getHref(providerId);

  return (
    <ResourceScreen
      crumbs={[
        ...provider.crumbs,
        { label: 'Details', href: detailsHref },
        { label: 'Edit' },
      ]}
      failure={provider.failure}
      // The refusal does not wait for the provider; the form does.
      title={data || !canWrite ? title : undefined}
    >
      <WriteAccessGate
        refusal="You cannot edit identity providers"
        backHref={detailsHref}
        backLabel="Back to the provider"
      >
        {data ? (
          <ProviderEditor key={data.id} provider={data} />
        ) : (
          <ProviderFormSkeleton />
        )}
      </WriteAccessGate>
    </ResourceScreen>
  );
}

/** The form over one loaded provider; only changed fields are sent. */
function ProviderEditor({ provider }: { provider: Provider }) {
  const save = useSaveProvider(provider);
  return (
    <ProviderForm
      {...save}
      submitLabel="Save changes"
      pendingLabel="Saving…"
      cancelHref={paths.providerDetail.getHref(provider.id)}
      requireChanges
    />
  );
}
