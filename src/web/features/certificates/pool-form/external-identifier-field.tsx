import { useId, useState } from 'react';
import type { Control } from 'react-hook-form';
import { CERTIFICATE_ATTRIBUTES } from '#filter/dialect.ts';
import { FormField } from '@/components/form/form-field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { NativeSelect } from '@/components/ui/native-select.tsx';
import type { CertificatePoolFormValues } from '../schemas.ts';

/** What each subject attribute is, for the picker. */
const ATTRIBUTE_NAMES: Record<(typeof CERTIFICATE_ATTRIBUTES)[number], string> =
  {
    CN: 'common name',
    L: 'locality',
    ST: 'state or province',
    O: 'organization',
    OU: 'organizational unit',
    C: 'country',
    STREET: 'street address',
    DC: 'domain component',
    UID: 'user id',
  };

const OTHER = '__other__';

function isListed(value: string) {
  return (CERTIFICATE_ATTRIBUTES as readonly string[]).includes(value);
}

/**
 * The certificate field that names a client in audit logs: one of the
 * subject attributes, or any other field typed by hand (Confluent
 * documents no list, and a combination of fields is allowed).
 */
export function ExternalIdentifierField({
  control,
}: {
  control: Control<CertificatePoolFormValues>;
}) {
  const otherId = useId();
  // "Other" stays chosen while its text is being typed, even when the text
  // happens to be a listed attribute for a moment.
  const [isOther, setIsOther] = useState(false);

  return (
    <FormField
      control={control}
      name="external_identifier"
      label="External identifier"
      hint={
        <>
          The certificate field whose value names the client in Confluent’s
          audit logs, usually <code>CN</code> or <code>UID</code>. It does not
          decide who may use the pool; the filter does.
        </>
      }
    >
      {({ value, onChange, onBlur, ref, name, ...aria }) => {
        const showOther = isOther || (value !== '' && !isListed(value));
        return (
          <div className="grid gap-2">
            <NativeSelect
              {...aria}
              ref={ref}
              name={name}
              value={showOther ? OTHER : value}
              onBlur={onBlur}
              onChange={(event) => {
                const chosen = event.target.value;
                if (chosen === OTHER) {
                  setIsOther(true);
                  onChange('');
                } else {
                  setIsOther(false);
                  onChange(chosen);
                }
              }}
            >
              {CERTIFICATE_ATTRIBUTES.map((attribute) => (
                <option key={attribute} value={attribute}>
                  {attribute} ({ATTRIBUTE_NAMES[attribute]})
                </option>
              ))}
              <option value={OTHER}>Another field…</option>
            </NativeSelect>
            {showOther && (
              <div className="grid gap-1">
                <label htmlFor={otherId} className="text-sm font-medium">
                  Certificate field
                </label>
                <Input
                  id={otherId}
                  value={value}
                  onChange={(event) => onChange(event.target.value)}
                  onBlur={onBlur}
                  aria-invalid={aria['aria-invalid']}
                  aria-describedby={aria['aria-describedby']}
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                />
              </div>
            )}
          </div>
        );
      }}
    </FormField>
  );
}
