import { useEffect, useRef, useState } from 'react';
import type {
  FieldValues,
  Path,
  PathValue,
  UseFormReturn,
} from 'react-hook-form';
import { useDraftOwner } from '@/lib/draft-owner.ts';
import {
  newDraftId,
  type DraftStore,
  type StoredDraft,
} from '@/lib/draft-store.ts';

/** How long typing pauses before the draft is written. */
export const DRAFT_DEBOUNCE_MS = 400;

/**
 * The server's version a form was opened from: its `metadata.updated_at`
 * and values. Saving checks the server still has it; null for a new record.
 */
export type DraftBase<TValues> = {
  updatedAt?: string;
  values: TValues;
} | null;

/** What a draft of a form keeps: the values typed and the version they build on. */
export type FormDraftData<TValues> = {
  values: TValues;
  base: DraftBase<TValues>;
};

export type FormDraft<TValues> = StoredDraft<FormDraftData<TValues>>;

/** Where a form's drafts go, and what they build on: given by the screen. */
export type FormDraftTarget<TValues> = {
  /** Which form of which record: its drafts are offered to it only. */
  scope: string;
  /** The version the form's values build on, stored with each draft. */
  base: DraftBase<TValues>;
  /** A restored draft builds on its own base; the caller saves against it. */
  onRestore?: (base: DraftBase<TValues>) => void;
};

export type FormDraftOptions<TValues extends FieldValues> =
  FormDraftTarget<TValues> & {
    /**
     * The kind's own store, under its own key prefix: the draft store
     * ignores keys under a longer prefix, so each kind's drafts survive
     * another kind's form (decision 020).
     */
    store: () => DraftStore<FormDraftData<TValues>>;
    /** The form's fields, which a restore fills. */
    fields: readonly Path<TValues>[];
    /**
     * Text fields only some mounts of the form have (a create form's
     * owner): kept in a draft only when filled, and restored, as empty when
     * the draft lacks them, only into a form that has them.
     */
    optionalFields?: readonly Path<TValues>[];
    same: (a: TValues, b: TValues) => boolean;
  };

/**
 * Keeps what is typed in a form as a draft in the tab's storage and offers
 * earlier drafts back (decision 005). Each mount of the form writes its own
 * draft (created on the first change), so a draft offered and not yet
 * answered is never overwritten by new typing. Drafts are the signed-in
 * user's own (see DraftOwnerContext): another user's are never offered.
 */
export function useFormDraft<TValues extends FieldValues>(
  form: Pick<UseFormReturn<TValues>, 'watch' | 'getValues' | 'setValue'>,
  {
    store,
    scope,
    base,
    fields,
    optionalFields = [],
    same,
    onRestore,
  }: FormDraftOptions<TValues>,
) {
  const { watch, getValues, setValue } = form;
  const owner = useDraftOwner();
  // What the server (or an empty form) had when this form opened: a draft
  // equal to it holds nothing worth keeping.
  const [initialValues] = useState(() => getValues());
  const [offered, setOffered] = useState<FormDraft<TValues>[]>([]);
  const workingId = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const baseRef = useRef(base);
  useEffect(() => {
    baseRef.current = base;
  }, [base]);

  // An empty optional field is no key at all, as in a form without it.
  function draftValuesOf(values: TValues): TValues {
    const kept: Record<string, unknown> = { ...values };
    for (const name of optionalFields) {
      if (!kept[name]) delete kept[name];
    }
    return kept as TValues;
  }

  function write(values: TValues) {
    // No one to keep it for (no DraftOwnerContext): a draft without an owner
    // could be offered to anyone.
    if (owner === undefined) return;
    const drafts = store();
    if (same(values, initialValues)) {
      if (workingId.current !== undefined) drafts.remove(workingId.current);
      workingId.current = undefined;
      return;
    }
    workingId.current ??= newDraftId();
    drafts.save({
      id: workingId.current,
      scope,
      owner,
      data: { values: draftValuesOf(values), base: baseRef.current },
    });
  }

  function cancelPending() {
    clearTimeout(timer.current);
    timer.current = undefined;
  }

  // The latest write, for listeners registered once.
  const writeRef = useRef(write);
  useEffect(() => {
    writeRef.current = write;
  });

  // Read after any earlier mount of this form has written its last draft
  // (its unmount flush runs before this effect).
  useEffect(() => {
    const drafts = store();
    const mine = owner === undefined ? [] : drafts.list(scope, owner);
    const found = mine.filter((draft) => {
      if (!same(draft.data.values, initialValues)) return true;
      drafts.remove(draft.id);
      return false;
    });
    // Storage is outside React, and is read once the form is mounted: a keyed
    // remount renders before the old mount's unmount flush writes its last
    // draft, so a read in render (a lazy useState) would not offer that one.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- must follow that flush
    setOffered(found);
  }, [store, scope, owner, initialValues, same]);

  useEffect(() => {
    function flush() {
      if (timer.current === undefined) return;
      cancelPending();
      writeRef.current(getValues());
    }
    const subscription = watch(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(flush, DRAFT_DEBOUNCE_MS);
    });
    // Closing or reloading the tab gives no time for a debounce.
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', flush);
    return () => {
      subscription.unsubscribe();
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', flush);
      flush();
    };
  }, [watch, getValues]);

  return {
    /** Earlier drafts of this form, newest first, not yet restored or discarded. */
    offered,

    /** Fills every field from the draft, leaving the form dirty. */
    restore(draft: FormDraft<TValues>) {
      cancelPending();
      const replaced = workingId.current;
      if (replaced !== undefined) {
        // What was typed before restoring becomes a draft of its own.
        write(getValues());
      }
      const setAside =
        owner === undefined
          ? []
          : store()
              .list(scope, owner)
              .filter((stored) => stored.id === replaced);
      setOffered((current) => [
        ...setAside,
        ...current.filter((stored) => stored.id !== draft.id),
      ]);
      workingId.current = draft.id;
      baseRef.current = draft.data.base;
      const { values } = draft.data;
      for (const name of fields) {
        setValue(name, values[name] as PathValue<TValues, typeof name>, {
          shouldDirty: true,
        });
      }
      for (const name of optionalFields) {
        const value: unknown = values[name];
        if (value === undefined && getValues(name) === undefined) continue;
        setValue(name, (value ?? '') as PathValue<TValues, typeof name>, {
          shouldDirty: true,
        });
      }
      onRestore?.(draft.data.base);
    },

    discard(draft: FormDraft<TValues>) {
      store().remove(draft.id);
      setOffered((current) =>
        current.filter((stored) => stored.id !== draft.id),
      );
    },

    /** Writes the draft now: a save is about to start and may fail. */
    keepNow() {
      cancelPending();
      write(getValues());
    },

    /** The form's content was saved, or thrown away: forget this mount's draft. */
    finish() {
      cancelPending();
      if (workingId.current !== undefined) store().remove(workingId.current);
      workingId.current = undefined;
    },
  };
}
