import { useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useLeaveGuard } from '@/lib/navigation-guard.ts';
import {
  useFormDraft,
  type FormDraft,
  type FormDraftOptions,
} from './use-form-draft.ts';
import { SaveCancelled } from './use-versioned-save.ts';

/**
 * What every create and edit form around a record does besides its fields:
 * keeps a draft (useFormDraft), asks before an in-app navigation would leave
 * unsaved changes behind (`leaving`, for the LeaveDialog), warns before the
 * tab is closed or reloaded, and saves so that what was typed survives
 * whatever becomes of the save.
 */
export function useFormSession<TValues extends FieldValues>(
  form: Pick<
    UseFormReturn<TValues>,
    'watch' | 'getValues' | 'setValue' | 'formState'
  >,
  options: FormDraftOptions<TValues>,
) {
  const { isDirty } = form.formState;
  const drafts = useFormDraft(form, options);
  // The server's version when the form opened, to tell an offered draft
  // that was made on an older one.
  const [openedVersion] = useState(() => options.base?.updatedAt);
  // Set while a save is in flight or has succeeded, so the navigation that
  // follows a save is not mistaken for leaving unsaved changes behind.
  const isSavingRef = useRef(false);

  const leaving = useLeaveGuard(
    (current, next) =>
      isDirty && !isSavingRef.current && current.pathname !== next.pathname,
  );

  // Reloading or closing the tab never reaches the leave guard.
  useEffect(() => {
    if (!isDirty) return;
    function warn(event: BeforeUnloadEvent) {
      event.preventDefault();
    }
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  return {
    drafts,
    /** The navigation held back while the form has unsaved changes, if any. */
    leaving,

    /** The record changed on the server after this draft's version. */
    isOutdated(draft: FormDraft<TValues>) {
      return draft.data.base?.updatedAt !== openedVersion;
    },

    /**
     * Runs the screen's `onSubmit`: the draft is written before anything is
     * sent and forgotten once the save succeeds. A save the user called off
     * (SaveCancelled) resolves; any other failure rejects, for the form.
     */
    async submit(values: TValues, onSubmit: (values: TValues) => unknown) {
      isSavingRef.current = true;
      drafts.keepNow();
      try {
        await onSubmit(values);
        drafts.finish();
      } catch (caught) {
        isSavingRef.current = false;
        if (caught instanceof SaveCancelled) return;
        throw caught;
      }
    },
  };
}

export type FormSession<TValues extends FieldValues> = ReturnType<
  typeof useFormSession<TValues>
>;
