import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn.ts';

export function Table({ className, ...props }: ComponentProps<'table'>) {
  return (
    <div className="relative w-full min-w-0 overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table
        data-slot="table"
        className={cn('w-full text-left text-sm', className)}
        {...props}
      />
    </div>
  );
}

export function Th({
  className,
  scope = 'col',
  ...props
}: ComponentProps<'th'>) {
  return (
    <th
      data-slot="th"
      scope={scope}
      className={cn(
        'border-b border-slate-200 px-3 py-2 font-semibold whitespace-nowrap text-slate-700',
        // A row's header sits on the row's colour, a column's on the head's.
        scope === 'row' ? 'bg-white align-top' : 'bg-slate-50',
        className,
      )}
      {...props}
    />
  );
}

export function Td({
  className,
  isMessage = false,
  ...props
}: ComponentProps<'td'> & {
  /** The table's only cell, saying why it has no rows. */
  isMessage?: boolean;
}) {
  return (
    <td
      data-slot="td"
      className={cn(
        'border-b border-slate-100 px-3',
        isMessage ? 'py-8 text-center text-slate-700' : 'py-2 align-top',
        className,
      )}
      {...props}
    />
  );
}
