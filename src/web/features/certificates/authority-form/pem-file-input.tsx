import { useId, useState } from 'react';
import { getErrorMessage } from '@/lib/errors.ts';
import { readPemFile } from './pem.ts';

/**
 * A file picker whose file is read in the browser (FileReader) and handed
 * over as PEM text with its name; nothing is uploaded by picking.
 */
export function PemFileInput({
  label,
  accept,
  pemLabel,
  onRead,
}: {
  label: string;
  /** File name patterns, e.g. `.pem,.crt,.cer`. */
  accept: string;
  /** The PEM label a binary (DER) file is converted under. */
  pemLabel: string;
  onRead: (read: { text: string; fileName: string }) => void;
}) {
  const id = useId();
  const errorId = useId();
  const [error, setError] = useState<string>();
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-describedby={error ? errorId : undefined}
        aria-invalid={error !== undefined}
        className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-slate-50"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (!file) return;
          setError(undefined);
          readPemFile(file, pemLabel).then(
            (text) => onRead({ text, fileName: file.name }),
            (failure: unknown) => setError(getErrorMessage(failure)),
          );
        }}
      />
      {error && (
        <p id={errorId} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
