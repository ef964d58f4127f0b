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

export function Th({ className, ...props }: ComponentProps<'th'>) {
  return (
    <th
      data-slot="th"
      scope="col"
      className={cn(
        'border-b border-slate-200 bg-slate-50 px-3 py-2 font-semibold whitespace-nowrap text-slate-700',
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, ...props }: ComponentProps<'td'>) {
  return (
    <td
      data-slot="td"
      className={cn('border-b border-slate-100 px-3 py-2 align-top', className)}
      {...props}
    />
  );
}
