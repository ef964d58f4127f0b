import { useState } from 'react';
import { useNavigate } from 'react-router';
import { paths } from '@/config/paths.ts';
import { notify } from '@/lib/notify.ts';
import { useCreateProvider, useUpdateProvider } from '../api/mutations.ts';
import type { Provider, ProviderUpdateBody } from '../api/providers.ts';
import {
  EMPTY_PROVIDER,
  PROVIDER_FORM_FIELDS,
  providerFormValuesOf,
  type ProviderFormValues,
} from '../schemas.ts';

// The provider forms' values and submit, as ProviderForm takes them: a
// submit that succeeds says so and lands on the provider's page.

/** After a save: say so, and show the provider. */
function useShowSaved() {
  const navigate = useNavigate();
  return (message: string, provider: Provider) => {
    notify.success(message);
    // Replace, so Back from the provider does not return to a spent form.
    void navigate(paths.providerDetail.getHref(provider.id), {
      replace: true,
    });
  };
}

/** The new-provider form. */
export function useRegisterProvider() {
  const showSaved = useShowSaved();
  const createProvider = useCreateProvider();
  return {
    defaultValues: EMPTY_PROVIDER,
    isPending: createProvider.isPending,
    async onSubmit(values: ProviderFormValues) {
      const provider = await createProvider.mutateAsync(values);
      showSaved(`Registered ${provider.display_name}`, provider);
    },
  };
}

/** The edit form of one loaded provider: only the fields changed are sent. */
export function useSaveProvider(provider: Provider) {
  const showSaved = useShowSaved();
  const updateProvider = useUpdateProvider(provider.id);
  // The values the form opened with (kept through background refetches): a
  // change is whatever differs from them.
  const [opened] = useState(() => providerFormValuesOf(provider));
  return {
    defaultValues: opened,
    isPending: updateProvider.isPending,
    async onSubmit(values: ProviderFormValues) {
      const body: ProviderUpdateBody = {};
      for (const name of PROVIDER_FORM_FIELDS) {
        if (values[name] !== opened[name]) body[name] = values[name];
      }
      const saved =
        Object.keys(body).length > 0
          ? await updateProvider.mutateAsync(body)
          : provider;
      showSaved(`Saved ${saved.display_name}`, saved);
    },
  };
}
