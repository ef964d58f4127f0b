import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { FormSkeleton } from '@/components/form/form-skeleton.tsx';
import {
  ResourceForm,
  type ResourceFormProps,
} from '@/components/form/resource-form.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
} from '@/components/ui/dialog.tsx';
import { useLeaveGuard } from '@/lib/navigation-guard.ts';
import {
  GROUP_MAPPING_FORM_FIELDS,
  groupMappingFormSchema,
  type GroupMappingFormValues,
} from '../schemas.ts';
import { LazyGroupTester } from '../tester/lazy-group-tester.tsx';
import { DraftNotice } from './draft-notice.tsx';
import { GroupMappingFields } from './group-mapping-fields.tsx';
import { SaveCancelled } from './use-save-group-mapping.ts';
import {
  useGroupMappingDraft,
  type GroupMappingDraftOptions,
} from './use-group-mapping-draft.ts';

/** The checker's first error in a filter, if any; loaded on demand. */
async function filterCheckError(filter: string): Promise<string | undefined> {
  const checker = await import('#filter/check.ts').catch(() => undefined);
  // The checker could not load (offline?): the server still checks.
  if (checker === undefined) return undefined;
  const check = checker.checkFilter(filter, 'group-mapping');
  if (check.valid) return undefined;
  // The checker marks code with backticks; this message is plain text.
  const message = check.errors[0]?.message.replace(/`/g, '');
  return `This filter cannot be saved: ${message ?? 'it is not valid'}`;
}

// One shrinkable column: an implicit grid column is as wide as its widest
// content, which at 360 px (WCAG 1.4.10) made the page scroll sideways.
const FORM_CLASSES =
  'grid max-w-2xl grid-cols-1 gap-5 rounded-lg border border-slate-200 bg-white p-6';

/**
 * Create and edit a group mapping. `onSubmit` rejects with the API's error,
 * which is shown next to the field it names, or else at the top; what was
 * typed stays, on screen and as a draft in the tab's storage until a save
 * succeeds. Beside it, the group tester runs the filter being typed.
 */
export function GroupMappingForm({
  defaultValues,
  onSubmit,
  mappingId,
  draft,
  ...formProps
}: ResourceFormProps<GroupMappingFormValues> & {
  /** The mapping being edited; none when creating. */
  mappingId?: string;
  /** Where drafts of this form are kept, and the version they build on. */
  draft: GroupMappingDraftOptions;
}) {
  const form = useForm<GroupMappingFormValues>({
    resolver: zodResolver(groupMappingFormSchema),
    defaultValues,
    mode: 'onTouched',
  });
  const {
    control,
    setError,
    setFocus,
    setValue,
    formState: { isDirty },
  } = form;
  const drafts = useGroupMappingDraft(form, draft);
  // The server's version when the form opened, to tell an offered draft
  // that was made on an older one.
  const [openedVersion] = useState(() => draft.base?.updatedAt);
  // Set while a save is in flight or has succeeded, so the navigation that
  // follows a save is not mistaken for leaving unsaved changes behind.
  const isSavingRef = useRef(false);
  const filter = useWatch({ control, name: 'filter' });

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

  async function save(values: GroupMappingFormValues) {
    // A filter the browser's own checker refuses would only be refused by
    // Confluent: say so at the field and send nothing. Length is the
    // server's call (an organisation's limit can be raised).
    const filterError = await filterCheckError(values.filter);
    if (filterError !== undefined) {
      setError(
        'filter',
        { type: 'check', message: filterError },
        { shouldFocus: true },
      );
      return;
    }
    isSavingRef.current = true;
    // Kept before anything is sent: whatever becomes of the save, what was
    // typed survives it.
    drafts.keepNow();
    try {
      await onSubmit(values);
      drafts.finish();
    } catch (caught) {
      isSavingRef.current = false;
      if (caught instanceof SaveCancelled) return;
      throw caught;
    }
  }

  // Enter submits from an input by itself; in a multi-line field it is a
  // line break, so Ctrl/Cmd+Enter submits there.
  function submitFromTextarea(event: KeyboardEvent<HTMLFormElement>) {
    if (
      event.key === 'Enter' &&
      (event.ctrlKey || event.metaKey) &&
      (event.target instanceof HTMLTextAreaElement ||
        (event.target instanceof HTMLElement && event.target.isContentEditable))
    ) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  }

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,42rem)_minmax(0,1fr)]">
      <div className="grid max-w-2xl grid-cols-1 gap-4">
        {drafts.offered.map((offered) => (
          <DraftNotice
            key={offered.id}
            draft={offered}
            isOutdated={offered.data.base?.updatedAt !== openedVersion}
            onRestore={() => {
              drafts.restore(offered);
              setFocus('display_name');
            }}
            onDiscard={() => {
              drafts.discard(offered);
              setFocus('display_name');
            }}
          />
        ))}
        <ResourceForm
          form={form}
          fields={GROUP_MAPPING_FORM_FIELDS}
          onSubmit={save}
          className={FORM_CLASSES}
          onKeyDown={submitFromTextarea}
          {...formProps}
        >
          <GroupMappingFields
            control={control}
            mappingId={mappingId}
            onApplyTemplate={(template) =>
              setValue('filter', template, {
                shouldDirty: true,
                shouldValidate: true,
              })
            }
          />
        </ResourceForm>
      </div>
      <LazyGroupTester filter={filter} />
      <AlertDialog
        open={leaving !== null}
        onOpenChange={(open) => {
          if (!open) leaving?.reset();
        }}
      >
        <AlertDialogContent
          title="Discard your changes?"
          description={
            <p>
              This group mapping has changes that are not saved. Discard them,
              or leave them as a draft in this browser tab: this form offers
              them back when you open it again.
            </p>
          }
        >
          <AlertDialogFooter>
            <AlertDialogCancel asChild>
              <Button variant="secondary">Stay</Button>
            </AlertDialogCancel>
            <Button variant="secondary" onClick={() => leaving?.proceed()}>
              Keep as draft
            </Button>
            <Button
              variant="danger"
              onClick={() => {
                if (!leaving) return;
                drafts.finish();
                leaving.proceed();
              }}
            >
              Discard
            </Button>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </div>
  );
}

/** The form's outline while the record loads, at its final size. */
export function GroupMappingFormSkeleton() {
  return (
    <FormSkeleton
      className={FORM_CLASSES}
      controlHeights={['h-10', 'h-16', 'h-36']}
    />
  );
}
