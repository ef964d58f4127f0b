import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

const NATIVE_SELECT_CLASSES =
  'h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600 aria-invalid:border-red-700 disabled:opacity-60';

/**
 * The browser's own <select>, styled like Input: for plain lists of ids
 * (environments, clusters, users, roles), where the native control's
 * keyboard and screen-reader behaviour beat a custom listbox.
 */
export function NativeSelect({
  className,
  ...props
}: ComponentProps<'select'>) {
  return <select className={cn(NATIVE_SELECT_CLASSES, className)} {...props} />;
}
