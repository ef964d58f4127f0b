import { useId } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { FormField } from '@/components/form/form-field.tsx';
import { FieldError } from '@/components/ui/field.tsx';
import { Input, Textarea } from '@/components/ui/input.tsx';
import {
  isNewCrl,
  type AuthorityFormContext,
  type AuthorityFormValues,
  type CrlMode,
} from './authority-schema.ts';
import { PemFileInput } from './pem-file-input.tsx';

const MODE_LABELS: Record<CrlMode, string> = {
  none: 'None',
  url: 'Fetched from a URL',
  upload: 'An uploaded file',
  keep: 'Keep the uploaded file',
};

/**
 * The authority's certificate revocation list: none, a URL Confluent
 * fetches (and refreshes every day), or an uploaded PEM file; on edit, the
 * uploaded file kept. Then whether client certificates must pass a CRL
 * check, which Confluent requires for configuring a new CRL.
 */
export function CrlFields({ context }: { context: AuthorityFormContext }) {
  const { control, setValue } = useFormContext<AuthorityFormValues>();
  const [mode, crlUrl, crlFilename] = useWatch({
    control,
    name: ['crl_mode', 'crl_url', 'crl_filename'],
  });
  const requireId = useId();
  const requireHintId = useId();
  const modes: CrlMode[] = context.hasUploadedCrl
    ? ['keep', 'none', 'url', 'upload']
    : ['none', 'url', 'upload'];
  const isNew = isNewCrl({ crl_mode: mode, crl_url: crlUrl }, context);

  return (
    <fieldset className="grid gap-4 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold">
        Revocation list (CRL)
      </legend>
      <Controller
        control={control}
        name="crl_mode"
        render={({ field }) => (
          <div
            role="radiogroup"
            aria-label="Where the revocation list comes from"
            className="grid gap-1.5"
          >
            {modes.map((option) => (
              <label key={option} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name={field.name}
                  value={option}
                  checked={field.value === option}
                  onChange={() => field.onChange(option)}
                  onBlur={field.onBlur}
                  className="size-4 accent-brand-700"
                />
                {MODE_LABELS[option]}
              </label>
            ))}
          </div>
        )}
      />
      {mode === 'none' && (
        <p className="text-sm text-slate-700">
          Without a CRL, revoked client certificates keep working until they
          expire. If the chain names a CRL distribution point, Confluent uses
          it.
        </p>
      )}
      {mode === 'keep' && (
        <p className="text-sm text-slate-700">
          Confluent keeps the revocation list uploaded before (it never shows it
          back). A new chain must still be the list’s issuer.
        </p>
      )}
      {mode === 'url' && (
        <FormField
          control={control}
          name="crl_url"
          label="CRL URL"
          hint="An http:// or https:// URL Confluent fetches the list from, and refreshes every 24 hours. It must be reachable from the internet."
        >
          {(props) => (
            <Input
              {...props}
              type="url"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="http://crl.example.com/ca.crl"
              className="font-mono"
            />
          )}
        </FormField>
      )}
      {mode === 'upload' && (
        <>
          <PemFileInput
            label="CRL file (.pem, .crl)"
            accept=".pem,.crl,application/pkix-crl"
            pemLabel="X509 CRL"
            onRead={({ text, fileName }) => {
              const options = { shouldDirty: true, shouldValidate: true };
              setValue('crl_chain', text, options);
              setValue('crl_filename', fileName, { shouldDirty: true });
            }}
          />
          {crlFilename && (
            <p className="text-sm text-slate-700">
              Read from <code className="font-mono">{crlFilename}</code>.
            </p>
          )}
          <FormField
            control={control}
            name="crl_chain"
            label="Revocation list (PEM)"
            hint="Or paste it. It must be a direct CRL issued by a certificate of the chain; a DER file is converted to PEM in your browser."
          >
            {(props) => (
              <Textarea
                {...props}
                rows={4}
                spellCheck={false}
                autoComplete="off"
                placeholder={
                  '-----BEGIN X509 CRL-----\nMIIB…\n-----END X509 CRL-----'
                }
                className="text-xs"
              />
            )}
          </FormField>
        </>
      )}
      <Controller
        control={control}
        name="require_crl_on_client_certificate"
        render={({ field, fieldState }) => (
          <div className="grid gap-1">
            <label
              htmlFor={requireId}
              className="flex items-start gap-2 text-sm font-medium"
            >
              <input
                id={requireId}
                ref={field.ref}
                type="checkbox"
                name={field.name}
                checked={field.value}
                onChange={(event) => field.onChange(event.target.checked)}
                onBlur={field.onBlur}
                aria-invalid={fieldState.invalid}
                aria-describedby={
                  fieldState.invalid
                    ? `${requireHintId} ${requireId}-error`
                    : requireHintId
                }
                className="mt-0.5 size-4 accent-brand-700"
              />
              Require a CRL check on client certificates
            </label>
            <p id={requireHintId} className="text-sm text-slate-600">
              Confluent then refuses a client certificate whose revocation it
              cannot check (fail-closed). Since 5 June 2026 Confluent requires
              this to configure a new revocation list
              {isNew && !field.value ? ': check it to save this CRL.' : '.'}
            </p>
            {fieldState.error?.message && (
              <FieldError id={`${requireId}-error`}>
                {fieldState.error.message}
              </FieldError>
            )}
          </div>
        )}
      />
    </fieldset>
  );
}
