import * as AlertDialogPrimitive from '@radix-ui/react-alert-dialog';
import * as DialogPrimitive from '@radix-ui/react-dialog';
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '@/lib/cn.ts';

// Black, not a slate step: slate flips in dark mode and the veil must not.
const OVERLAY_CLASSES = 'fixed inset-0 z-40 bg-black/50';
const CONTENT_CLASSES =
  'fixed top-1/2 left-1/2 z-50 grid max-h-[calc(100dvh-2rem)] w-[calc(100%-2rem)] -translate-x-1/2 -translate-y-1/2 gap-4 overflow-y-auto rounded-lg bg-white p-6 text-slate-900 shadow-xl';

/** How wide a dialog may grow: a question, a review, a comparison. */
export type DialogSize = 'md' | 'lg' | 'xl';

const MAX_WIDTH: Record<DialogSize, string> = {
  md: 'max-w-lg',
  lg: 'max-w-2xl',
  xl: 'max-w-3xl',
};

export const AlertDialog = AlertDialogPrimitive.Root;
export const AlertDialogTrigger = AlertDialogPrimitive.Trigger;
export const AlertDialogCancel = AlertDialogPrimitive.Cancel;

/** A modal that needs an answer: focus is trapped, Escape cancels. */
export function AlertDialogContent({
  title,
  description,
  children,
  className,
  size = 'md',
}: {
  title: ReactNode;
  description: ReactNode;
  children: ReactNode;
  className?: string;
  size?: DialogSize;
}) {
  return (
    <AlertDialogPrimitive.Portal>
      <AlertDialogPrimitive.Overlay className={OVERLAY_CLASSES} />
      <AlertDialogPrimitive.Content
        className={cn(CONTENT_CLASSES, MAX_WIDTH[size], className)}
      >
        <AlertDialogPrimitive.Title className="text-lg font-semibold text-slate-900">
          {title}
        </AlertDialogPrimitive.Title>
        <AlertDialogPrimitive.Description asChild>
          <div className="grid gap-2 text-sm text-slate-700">{description}</div>
        </AlertDialogPrimitive.Description>
        {children}
      </AlertDialogPrimitive.Content>
    </AlertDialogPrimitive.Portal>
  );
}

export function AlertDialogFooter({
  className,
  ...props
}: ComponentProps<'div'>) {
  return (
    <div
      className={cn(
        'flex flex-col-reverse gap-2 sm:flex-row sm:justify-end',
        className,
      )}
      {...props}
    />
  );
}

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

/** A modal to read or do something in: focus is trapped, Escape closes. */
export function DialogContent({
  title,
  description,
  children,
  className,
  size = 'md',
  onCloseAutoFocus,
}: {
  title: ReactNode;
  description: ReactNode;
  children: ReactNode;
  className?: string;
  size?: DialogSize;
  /** Where focus goes on close; by default, back to the trigger. */
  onCloseAutoFocus?: ComponentProps<
    typeof DialogPrimitive.Content
  >['onCloseAutoFocus'];
}) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className={OVERLAY_CLASSES} />
      <DialogPrimitive.Content
        className={cn(CONTENT_CLASSES, MAX_WIDTH[size], className)}
        onCloseAutoFocus={onCloseAutoFocus}
      >
        <DialogPrimitive.Title className="text-lg font-semibold text-slate-900">
          {title}
        </DialogPrimitive.Title>
        <DialogPrimitive.Description asChild>
          <div className="grid gap-2 text-sm text-slate-700">{description}</div>
        </DialogPrimitive.Description>
        {children}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}
