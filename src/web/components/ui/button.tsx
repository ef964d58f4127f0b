import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '@/lib/cn.ts';

const buttonVariants = cva(
  'inline-flex items-center justify-center gap-2 rounded-md text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:pointer-events-none disabled:opacity-50',
  {
    variants: {
      variant: {
        primary: 'bg-brand-700 text-white hover:bg-brand-800',
        secondary:
          'border border-slate-300 bg-white text-slate-900 hover:bg-slate-50',
        danger: 'bg-red-700 text-white hover:bg-red-800',
        ghost: 'text-slate-700 hover:bg-slate-100',
        link: 'text-brand-700 underline-offset-4 hover:underline',
      },
      size: {
        md: 'h-9 px-4 whitespace-nowrap',
        sm: 'h-8 px-3 whitespace-nowrap',
        xs: 'h-7 px-3 whitespace-nowrap',
        /** A small button whose label may wrap (a long suggested fix). */
        wrap: 'min-h-8 px-3 py-1 whitespace-normal',
        icon: 'size-8 whitespace-nowrap',
      },
    },
    defaultVariants: { variant: 'primary', size: 'md' },
  },
);

export type ButtonProps = ComponentProps<'button'> &
  VariantProps<typeof buttonVariants> & {
    /** The action is under way: a spinner shows and the button is disabled. */
    pending?: boolean;
    /** The label while pending ("Saving…"); the children by default. */
    pendingLabel?: ReactNode;
  };

export function Button({
  className,
  variant,
  size,
  type = 'button',
  pending = false,
  pendingLabel,
  disabled,
  children,
  ...props
}: ButtonProps) {
  return (
    <button
      data-slot="button"
      type={type}
      className={cn(buttonVariants({ variant, size }), className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      {...props}
    >
      {pending && (
        // The text's own colour, so one spinner suits every variant.
        <span
          aria-hidden="true"
          className="size-4 animate-spin rounded-full border-2 border-current/40 border-t-current"
        />
      )}
      {pending ? (pendingLabel ?? children) : children}
    </button>
  );
}

export { buttonVariants };
