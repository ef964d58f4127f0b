import { useNavigate } from 'react-router';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { paths } from '@/config/paths.ts';
import { useCreateProvider } from '@/features/providers/api/mutations.ts';
import { ProviderForm } from '@/features/providers/components/provider-form.tsx';
import {
  EMPTY_PROVIDER,
  type ProviderFormValues,
} from '@/features/providers/schemas.ts';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessNotice } from '@/features/session/components/write-access-notice.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { notify } from '@/lib/notify.ts';

export function ProviderCreateRoute() {
  const navigate = useNavigate();
  const createProvider = useCreateProvider();
  const access = useWriteAccess();
  useDocumentTitle('New identity provider');

  const crumbs = [
    { label: 'Identity providers', href: paths.home.getHref() },
    { label: 'New provider' },
  ];

  if (!access.canWrite) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <h1 className="mb-4 text-2xl font-semibold">New identity provider</h1>
        <WriteAccessNotice
          title="You cannot register identity providers"
          backHref={paths.home.getHref()}
          backLabel="Back to identity providers"
        >
          {access.reason}
        </WriteAccessNotice>
      </>
    );
  }

  async function create(values: ProviderFormValues) {
    const provider = await createProvider.mutateAsync(values);
    notify.success(`Registered ${provider.display_name}`);
    // Replace, so Back from the new provider does not return to a spent form.
    void navigate(paths.providerDetail.getHref(provider.id), {
      replace: true,
    });
  }

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <h1 className="mb-1 text-2xl font-semibold">New identity provider</h1>
      <p className="mb-4 max-w-2xl text-slate-700">
        Register an OpenID Connect provider whose tokens may be exchanged for
        access to Confluent Cloud through its identity pools. Confluent fetches
        the provider’s keys when it is saved.
      </p>
      <ProviderForm
        defaultValues={EMPTY_PROVIDER}
        submitLabel="Create provider"
        pendingLabel="Creating…"
        onSubmit={create}
        isPending={createProvider.isPending}
        cancelHref={paths.home.getHref()}
      />
    </>
  );
}
