import { useId } from 'react';
import type { Control } from 'react-hook-form';
import { FormField } from '@/components/form/form-field.tsx';
import { NameFields } from '@/components/form/name-fields.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import type { ProviderFormValues } from '../schemas.ts';

// Both URLs are typed or pasted whole, never words to complete or correct.
const URL_INPUT = {
  type: 'url',
  inputMode: 'url',
  autoComplete: 'off',
  spellCheck: false,
} as const;

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
  const discoveryStatusId = useId();

  return (
    <>
      <NameFields />
      <FormField
        control={control}
        name="issuer"
        label="Issuer"
        hint={
          <>
            The <code>iss</code> value of the provider’s tokens. Find JWKS URL
            asks Lifeguard’s server to read its OpenID Connect discovery
            document.
          </>
        }
        after={
          <p
            id={discoveryStatusId}
            role="status"
            className="text-sm text-slate-600 empty:hidden"
          >
            {discovery.status === 'pending' && `Reading ${discovery.url}…`}
            {discovery.status === 'found' &&
              `JWKS URL found in ${discovery.url}.`}
          </p>
        }
      >
        {(props) => (
          <div className="flex flex-wrap gap-2">
            <Input
              {...props}
              {...URL_INPUT}
              placeholder="https://login.example.com/realms/main"
              className="min-w-0 flex-1 font-mono"
            />
            <Button
              variant="secondary"
              onClick={onDiscover}
              pending={discovery.status === 'pending'}
              aria-describedby={discoveryStatusId}
            >
              Find JWKS URL
            </Button>
          </div>
        )}
      </FormField>
      <FormField
        control={control}
        name="jwks_uri"
        label="JWKS URL"
        hint={
          <>
            Where the provider publishes its signing keys (<code>jwks_uri</code>
            ). Confluent fetches it when the provider is saved, so it must be
            reachable from the internet.
          </>
        }
      >
        {(props) => <Input {...props} {...URL_INPUT} className="font-mono" />}
      </FormField>
      <FormField
        control={control}
        name="identity_claim"
        label="Identity claim"
        hint={
          <>
            The claim that names the caller when a client does not name a pool;
            each pool’s own identity claim wins. Usually <code>claims.sub</code>
            .
          </>
        }
      >
        {(props) => (
          <Input
            {...props}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
        )}
      </FormField>
    </>
  );
}
