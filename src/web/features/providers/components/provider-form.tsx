import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { discoveryUrlOf } from '#contract/discovery.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Button, buttonVariants } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { ApiError, getErrorMessage } from '@/lib/errors.ts';
import { useDiscoverIssuer } from '../api/mutations.ts';
import {
  PROVIDER_FORM_FIELDS,
  providerFormSchema,
  type ProviderFormValues,
} from '../schemas.ts';
import { ProviderFields, type DiscoveryState } from './provider-fields.tsx';

const FORM_CLASSES =
  'grid max-w-2xl gap-5 rounded-lg border border-slate-200 bg-white p-6';

function isProviderField(name: string): name is keyof ProviderFormValues {
  return (PROVIDER_FORM_FIELDS as readonly string[]).includes(name);
}

/**
 * Create and edit a provider. `onSubmit` rejects with the API's error, which
 * is shown next to the field it names, or else at the top; what was typed
 * stays.
 */
export function ProviderForm({
  defaultValues,
  submitLabel,
  pendingLabel,
  onSubmit,
  isPending,
  cancelHref,
  requireChanges = false,
}: {
  defaultValues: ProviderFormValues;
  submitLabel: string;
  pendingLabel: string;
  onSubmit: (values: ProviderFormValues) => Promise<void>;
  isPending: boolean;
  cancelHref: string;
  /** Edit: nothing to send until something differs from defaultValues. */
  requireChanges?: boolean;
}) {
  const {
    control,
    handleSubmit,
    setError,
    setValue,
    setFocus,
    getValues,
    trigger,
    formState: { errors, isDirty, isSubmitting },
  } = useForm<ProviderFormValues>({
    resolver: zodResolver(providerFormSchema),
    defaultValues,
    mode: 'onTouched',
  });
  // The error object itself, for ApiErrorView; RHF's root error only holds text.
  const [submitError, setSubmitError] = useState<unknown>();
  const discover = useDiscoverIssuer();
  // The issuer whose document filled the JWKS URL, while it is still the one typed.
  const [discoveredFrom, setDiscoveredFrom] = useState<string>();
  const issuer = useWatch({ control, name: 'issuer' });
  const unchangedHintId = useId();
  const isBusy = isPending || isSubmitting;
  const isUnchanged = requireChanges && !isDirty;

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

  function showServerError(caught: unknown) {
    const messages = caught instanceof ApiError ? caught.fieldErrors : {};
    const named = Object.keys(messages);
    const fields = named.filter(isProviderField);
    fields.forEach((name, index) =>
      setError(
        name,
        { type: 'server', message: messages[name] },
        { shouldFocus: index === 0 },
      ),
    );
    if (fields.length === 0 || fields.length < named.length) {
      setSubmitError(caught);
      setError('root.serverError', {
        type: 'server',
        message: getErrorMessage(caught),
      });
    }
  }

  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (caught) {
      showServerError(caught);
    }
  });

  return (
    <form
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-busy={isBusy}
      className={FORM_CLASSES}
    >
      {errors.root?.serverError && (
        <ApiErrorView error={submitError} onRetry={() => void submit()} />
      )}
      <ProviderFields
        control={control}
        discovery={discovery}
        onDiscover={() => void findJwksUri()}
      />
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-5">
        <Button
          type="submit"
          disabled={isBusy || isUnchanged}
          aria-describedby={isUnchanged ? unchangedHintId : undefined}
        >
          {isBusy && (
            <span
              aria-hidden="true"
              className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white"
            />
          )}
          {isBusy ? pendingLabel : submitLabel}
        </Button>
        <Link
          to={cancelHref}
          className={buttonVariants({ variant: 'secondary' })}
        >
          Cancel
        </Link>
        {isUnchanged && (
          <p id={unchangedHintId} className="text-sm text-slate-600">
            No changes to save
          </p>
        )}
      </div>
    </form>
  );
}

/** The form's outline while the record loads, at its final size. */
export function ProviderFormSkeleton() {
  return (
    <div aria-busy="true" className={FORM_CLASSES}>
      {['h-10', 'h-16', 'h-10', 'h-10', 'h-10'].map((height, index) => (
        <div key={index} className="grid gap-1.5">
          <Skeleton className="h-5 w-28" />
          <Skeleton className={`${height} w-full`} />
        </div>
      ))}
      <div className="flex gap-3 border-t border-slate-100 pt-5">
        <Skeleton className="h-9 w-32" />
        <Skeleton className="h-9 w-20" />
      </div>
    </div>
  );
}
