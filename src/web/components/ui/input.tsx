import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

const FIELD_CLASSES =
  'w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 placeholder:text-slate-500 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 aria-invalid:border-red-700 disabled:opacity-60';

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return (
    <input
      data-slot="input"
      className={cn(FIELD_CLASSES, className)}
      {...props}
    />
  );
}

// Code by default (filters, claims, tokens); prose for descriptions; the
// filter editor's stand-in matches the editor's height.
const TEXTAREA_LOOKS = {
  code: 'min-h-24 font-mono',
  prose: 'min-h-16 font-sans',
  editor: 'min-h-20 resize-none font-mono',
} as const;

export function Textarea({
  className,
  look = 'code',
  ...props
}: ComponentProps<'textarea'> & { look?: keyof typeof TEXTAREA_LOOKS }) {
  return (
    <textarea
      data-slot="textarea"
      className={cn(FIELD_CLASSES, TEXTAREA_LOOKS[look], className)}
      {...props}
    />
  );
}
