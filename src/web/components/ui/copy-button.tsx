import { useState } from 'react';
import { Button } from './button.tsx';
import { notify } from '@/lib/notify.ts';

/** Copies `value`; the accessible name says what is copied. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      aria-label={`Copy ${label}`}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied(true);
          notify.success(`Copied ${label}`);
          setTimeout(() => setCopied(false), 1500);
        } catch {
          notify.error(`Could not copy ${label}; select it and copy by hand.`);
        }
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </Button>
  );
}
