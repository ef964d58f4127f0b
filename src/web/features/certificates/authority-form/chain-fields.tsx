import { useFormContext, useWatch } from 'react-hook-form';
import { FormField } from '@/components/form/form-field.tsx';
import { Input, Textarea } from '@/components/ui/input.tsx';
import type { AuthorityFormValues } from './authority-schema.ts';
import { ChainPreview } from './chain-preview.tsx';
import { PemFileInput } from './pem-file-input.tsx';

const CHAIN_PLACEHOLDER =
  '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----';

/**
 * The chain to register: a .pem/.crt file read in the browser, or pasted
 * PEM text, with its file name, and a preview of each certificate. On edit
 * it is optional: empty keeps the chain Confluent holds.
 */
export function ChainFields({ isEdit }: { isEdit: boolean }) {
  const { control, setValue } = useFormContext<AuthorityFormValues>();
  const chain = useWatch({ control, name: 'certificate_chain' });
  return (
    <fieldset className="grid gap-4 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold">Certificate chain</legend>
      <p className="text-sm text-slate-700">
        One to four CA certificates (root and intermediates) that issued your
        clients’ certificates, in PEM. The file is read in your browser; only
        the certificates are sent to Confluent, which never gives the chain
        back.
        {isEdit &&
          ' Leave it empty to keep the registered chain; a new chain replaces it whole.'}
      </p>
      <PemFileInput
        label={
          isEdit ? 'New chain file (.pem, .crt)' : 'Chain file (.pem, .crt)'
        }
        accept=".pem,.crt,.cer,application/x-pem-file,application/x-x509-ca-cert"
        pemLabel="CERTIFICATE"
        onRead={({ text, fileName }) => {
          const options = { shouldDirty: true, shouldValidate: true };
          setValue('certificate_chain', text, options);
          setValue('certificate_chain_filename', fileName, options);
        }}
      />
      <FormField
        control={control}
        name="certificate_chain"
        label={
          isEdit ? 'New certificate chain (PEM)' : 'Certificate chain (PEM)'
        }
        hint={
          isEdit
            ? 'Or paste the new chain. Leave empty to keep the registered one.'
            : 'Or paste the chain’s PEM text.'
        }
      >
        {(props) => (
          <Textarea
            {...props}
            rows={6}
            spellCheck={false}
            autoComplete="off"
            autoCapitalize="off"
            placeholder={CHAIN_PLACEHOLDER}
            className="text-xs"
          />
        )}
      </FormField>
      <FormField
        control={control}
        name="certificate_chain_filename"
        label="Chain file name"
        hint={
          isEdit
            ? 'The name the registered chain was uploaded as; a new chain comes with its own.'
            : 'Filled in from the picked file; type one, such as ca-chain.pem, for pasted text.'
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
      {chain.trim() !== '' && <ChainPreview pem={chain} />}
    </fieldset>
  );
}
