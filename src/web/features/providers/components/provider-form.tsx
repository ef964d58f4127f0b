import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { discoveryUrlOf } from '#contract/discovery.ts';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import {
  ResourceForm,
  type ResourceFormProps,
} from '@/components/form/resource-form.tsx';
import { getErrorMessage } from '@/lib/errors.ts';
import { useDiscoverIssuer } from '../api/mutations.ts';
import {
  PROVIDER_FORM_FIELDS,
  providerFormSchema,
  type ProviderFormValues,
} from '../schemas.ts';
import { ProviderFields, type DiscoveryState } from './provider-fields.tsx';

const FORM_CLASSES =
  'grid max-w-2xl gap-5 rounded-lg border border-slate-200 bg-white p-6';

/**
 * Create and edit a provider. `onSubmit` rejects with the API's error, which
 * is shown next to the field it names, or else at the top; what was typed
 * stays.
 */
export function ProviderForm({
  defaultValues,
  ...formProps
}: ResourceFormProps<ProviderFormValues>) {
  const form = useForm<ProviderFormValues>({
    resolver: zodResolver(providerFormSchema),
    defaultValues,
    mode: 'onTouched',
  });
  const { control, setError, setValue, setFocus, getValues, trigger } = form;
  const discover = useDiscoverIssuer();
  // The issuer whose document filled the JWKS URL, while it is still the one typed.
  const [discoveredFrom, setDiscoveredFrom] = useState<string>();
  const issuer = useWatch({ control, name: 'issuer' });

  const discovery: DiscoveryState = discover.isPending
    ? { status: 'pending', url: discoveryUrlOf(discover.variables) }
    : discoveredFrom !== undefined && discoveredFrom === issuer
      ? { status: 'found', url: discoveryUrlOf(discoveredFrom) }
      : { status: 'idle' };

  async function findJwksUri() {
    if (!(await trigger('issuer'))) {
      setFocus('issuer');
      return;
    }
    const asked = getValues('issuer');
    discover.mutate(asked, {
      onSuccess: (result) => {
        setValue('jwks_uri', result.jwks_uri, {
          shouldDirty: true,
          shouldValidate: true,
        });
        setDiscoveredFrom(asked);
      },
      onError: (error) => {
        setDiscoveredFrom(undefined);
        setError(
          'issuer',
          { type: 'server', message: getErrorMessage(error) },
          { shouldFocus: true },
        );
      },
    });
  }

  return (
    <ResourceForm
      form={form}
      fields={PROVIDER_FORM_FIELDS}
      className={FORM_CLASSES}
      {...formProps}
    >
      <ProviderFields
        control={control}
        discovery={discovery}
        onDiscover={() => void findJwksUri()}
      />
    </ResourceForm>
  );
}

/** The form's outline while the record loads, at its final size. */
export function ProviderFormSkeleton() {
  return (
    <FormSkeleton
      className={FORM_CLASSES}
      controlHeights={['h-10', 'h-16', 'h-10', 'h-10', 'h-10']}
    />
  );
}
