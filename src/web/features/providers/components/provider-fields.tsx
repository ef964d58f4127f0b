import { useId } from 'react';
import { Controller, type Control } from 'react-hook-form';
import { Button } from '@/components/ui/button.tsx';
import {
  Field,
  FieldDescription,
  FieldError,
  FieldLabel,
} from '@/components/ui/field.tsx';
import { Input, Textarea } from '@/components/ui/input.tsx';
import type { ProviderFormValues } from '../schemas.ts';

function describedBy(...ids: (string | false | undefined)[]) {
  return ids.filter(Boolean).join(' ') || undefined;
}

/** Where the issuer's discovery stands, for the line under the issuer. */
export type DiscoveryState =
  | { status: 'idle' }
  | { status: 'pending'; url: string }
  | { status: 'found'; url: string };

/**
 * The writable fields of a provider, shared by create and edit. The JWKS
 * URL can be read from the issuer's discovery document (by Lifeguard's
 * server) or typed.
 */
export function ProviderFields({
  control,
  discovery,
  onDiscover,
}: {
  control: Control<ProviderFormValues>;
  discovery: DiscoveryState;
  onDiscover: () => void;
}) {
  const base = useId();
  const id = (name: keyof ProviderFormValues) => ({
    control: `${base}-${name}`,
    error: `${base}-${name}-error`,
    help: `${base}-${name}-help`,
  });
  const name = id('display_name');
  const description = id('description');
  const issuer = id('issuer');
  const jwks = id('jwks_uri');
  const claim = id('identity_claim');
  const discoveryStatusId = `${base}-discovery-status`;
  const isDiscovering = discovery.status === 'pending';

  return (
    <>
      <Controller
        control={control}
        name="display_name"
        render={({ field, fieldState }) => (
          <Field>
            <FieldLabel htmlFor={name.control}>Display name</FieldLabel>
            <Input
              {...field}
              id={name.control}
              autoComplete="off"
              aria-invalid={fieldState.invalid}
              aria-describedby={describedBy(fieldState.invalid && name.error)}
            />
            <FieldError id={name.error}>{fieldState.error?.message}</FieldError>
          </Field>
        )}
      />
      <Controller
        control={control}
        name="description"
        render={({ field, fieldState }) => (
          <Field>
            <FieldLabel htmlFor={description.control}>Description</FieldLabel>
            <Textarea
              {...field}
              id={description.control}
              rows={2}
              look="prose"
              aria-invalid={fieldState.invalid}
              aria-describedby={describedBy(
                fieldState.invalid && description.error,
              )}
            />
            <FieldError id={description.error}>
              {fieldState.error?.message}
            </FieldError>
          </Field>
        )}
      />
      <Controller
        control={control}
        name="issuer"
        render={({ field, fieldState }) => (
          <Field>
            <FieldLabel htmlFor={issuer.control}>Issuer</FieldLabel>
            <div className="flex flex-wrap gap-2">
              <Input
                {...field}
                id={issuer.control}
                type="url"
                inputMode="url"
                autoComplete="off"
                spellCheck={false}
                placeholder="https://login.example.com/realms/main"
                className="min-w-0 flex-1 font-mono"
                aria-invalid={fieldState.invalid}
                aria-describedby={describedBy(
                  issuer.help,
                  fieldState.invalid && issuer.error,
                )}
              />
              <Button
                variant="secondary"
                onClick={onDiscover}
                disabled={isDiscovering}
                aria-describedby={discoveryStatusId}
              >
                {isDiscovering && (
                  <span
                    aria-hidden="true"
                    className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-700"
                  />
                )}
                Find JWKS URL
              </Button>
            </div>
            <FieldDescription id={issuer.help}>
              The <code>iss</code> value of the provider’s tokens. Find JWKS URL
              asks Lifeguard’s server to read its OpenID Connect discovery
              document.
            </FieldDescription>
            <FieldError id={issuer.error}>
              {fieldState.error?.message}
            </FieldError>
            <p
              id={discoveryStatusId}
              role="status"
              className="text-sm text-slate-600 empty:hidden"
            >
              {discovery.status === 'pending' && `Reading ${discovery.url}…`}
              {discovery.status === 'found' &&
                `JWKS URL found in ${discovery.url}.`}
            </p>
          </Field>
        )}
      />
      <Controller
        control={control}
        name="jwks_uri"
        render={({ field, fieldState }) => (
          <Field>
            <FieldLabel htmlFor={jwks.control}>JWKS URL</FieldLabel>
            <Input
              {...field}
              id={jwks.control}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              aria-invalid={fieldState.invalid}
              aria-describedby={describedBy(
                jwks.help,
                fieldState.invalid && jwks.error,
              )}
            />
            <FieldDescription id={jwks.help}>
              Where the provider publishes its signing keys (
              <code>jwks_uri</code>). Confluent fetches it when the provider is
              saved, so it must be reachable from the internet.
            </FieldDescription>
            <FieldError id={jwks.error}>{fieldState.error?.message}</FieldError>
          </Field>
        )}
      />
      <Controller
        control={control}
        name="identity_claim"
        render={({ field, fieldState }) => (
          <Field>
            <FieldLabel htmlFor={claim.control}>Identity claim</FieldLabel>
            <Input
              {...field}
              id={claim.control}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              aria-invalid={fieldState.invalid}
              aria-describedby={describedBy(
                claim.help,
                fieldState.invalid && claim.error,
              )}
            />
            <FieldDescription id={claim.help}>
              The claim that names the caller when a client does not name a
              pool; each pool’s own identity claim wins. Usually{' '}
              <code>claims.sub</code>.
            </FieldDescription>
            <FieldError id={claim.error}>
              {fieldState.error?.message}
            </FieldError>
          </Field>
        )}
      />
    </>
  );
}
