import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { HeadingSkeleton } from '@/components/ui/skeleton.tsx';
import { paths } from '@/config/paths.ts';
import { useUpdateProvider } from '@/features/providers/api/mutations.ts';
import type {
  Provider,
  ProviderUpdateBody,
} from '@/features/providers/api/providers.ts';
import { providerQueries } from '@/features/providers/api/queries.ts';
import {
  ProviderForm,
  ProviderFormSkeleton,
} from '@/features/providers/components/provider-form.tsx';
import {
  PROVIDER_FORM_FIELDS,
  providerFormValuesOf,
  type ProviderFormValues,
} from '@/features/providers/schemas.ts';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { WriteAccessNotice } from '@/features/session/components/write-access-notice.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';
import { notify } from '@/lib/notify.ts';

export function ProviderEditRoute() {
  const { providerId = '' } = useParams();
  const provider = useQuery(providerQueries.detail(providerId));
  const access = useWriteAccess();
  useDocumentTitle(
    provider.data
      ? `Edit ${provider.data.display_name}`
      : 'Edit identity provider',
  );

  const crumbs = [
    { label: 'Identity providers', href: paths.home.getHref() },
    {
      label: provider.data?.display_name ?? providerId,
      href: paths.provider.getHref(providerId),
    },
    { label: 'Details', href: paths.providerDetail.getHref(providerId) },
    { label: 'Edit' },
  ];

  // A failed background refetch keeps the form (and what was typed) on screen.
  if (provider.isError && provider.data === undefined) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <ApiErrorView
          error={provider.error}
          onRetry={() => void provider.refetch()}
        />
      </>
    );
  }

  if (!access.canWrite) {
    return (
      <>
        <Breadcrumbs items={crumbs} />
        <h1 className="mb-4 text-2xl font-semibold [overflow-wrap:anywhere]">
          {provider.data
            ? `Edit ${provider.data.display_name}`
            : 'Edit identity provider'}
        </h1>
        <WriteAccessNotice
          title="You cannot edit identity providers"
          backHref={paths.providerDetail.getHref(providerId)}
          backLabel="Back to the provider"
        >
          {access.reason}
        </WriteAccessNotice>
      </>
    );
  }

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <h1 className="mb-4 text-2xl font-semibold [overflow-wrap:anywhere]">
        {provider.data ? (
          `Edit ${provider.data.display_name}`
        ) : (
          <HeadingSkeleton />
        )}
      </h1>
      {provider.data ? (
        <ProviderEditor key={provider.data.id} provider={provider.data} />
      ) : (
        <ProviderFormSkeleton />
      )}
    </>
  );
}

/** The form over one loaded provider; only changed fields are sent. */
function ProviderEditor({ provider }: { provider: Provider }) {
  const navigate = useNavigate();
  const updateProvider = useUpdateProvider(provider.id);
  // The values the form opened with (kept through background refetches): a
  // change is whatever differs from them.
  const [opened] = useState(() => providerFormValuesOf(provider));

  async function save(values: ProviderFormValues) {
    const body: ProviderUpdateBody = {};
    for (const name of PROVIDER_FORM_FIELDS) {
      if (values[name] !== opened[name]) body[name] = values[name];
    }
    const saved =
      Object.keys(body).length > 0
        ? await updateProvider.mutateAsync(body)
        : provider;
    notify.success(`Saved ${saved.display_name}`);
    // Replace, so Back from the provider does not return to a spent form.
    void navigate(paths.providerDetail.getHref(provider.id), {
      replace: true,
    });
  }

  return (
    <ProviderForm
      defaultValues={opened}
      submitLabel="Save changes"
      pendingLabel="Saving…"
      onSubmit={save}
      isPending={updateProvider.isPending}
      cancelHref={paths.providerDetail.getHref(provider.id)}
      requireChanges
    />
  );
}
