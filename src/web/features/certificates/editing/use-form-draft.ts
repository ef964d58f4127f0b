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
const DRAFT_DEBOUNCE_MS = 400;

/** The server's version a form was opened from; null for a new record. */
export type DraftBase<TValues> = {
  updatedAt?: string;
  values: TValues;
} | null;

/** What a draft of a form keeps: the values typed and the version they build on. */
export type FormDraftData<TValues> = {
  values: TValues;
  base: DraftBase<TValues>;
};

export type FormDraftOptions<TValues extends FieldValues> = {
  store: () => DraftStore<FormDraftData<TValues>>;
  /** Which form of which record: its drafts are offered to it only. */
  scope: string;
  /** The version the form's values build on, stored with each draft. */
  base: DraftBase<TValues>;
  /** The form's fields, which a restore fills. */
  fields: readonly Path<TValues>[];
  same: (a: TValues, b: TValues) => boolean;
  /** A restored draft builds on its own base; the caller saves against it. */
  onRestore?: (base: DraftBase<TValues>) => void;
};

/**
 * Keeps what is typed in a form as a draft in the tab's storage and offers
 * earlier drafts back, as the identity-pool form does (decision 005): each
 * mount writes its own draft, created on the first change; drafts are the
 * signed-in user's own.
 */
export function useFormDraft<TValues extends FieldValues>(
  form: Pick<UseFormReturn<TValues>, 'watch' | 'getValues' | 'setValue'>,
  { store, scope, base, fields, same, onRestore }: FormDraftOptions<TValues>,
) {
  const { watch, getValues, setValue } = form;
  const owner = useDraftOwner();
  const [initialValues] = useState(() => getValues());
  const [offered, setOffered] = useState<StoredDraft<FormDraftData<TValues>>[]>(
    [],
  );
  const workingId = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const baseRef = useRef(base);
  useEffect(() => {
    baseRef.current = base;
  }, [base]);

  function write(values: TValues) {
    // No one to keep it for: a draft without an owner could be offered to anyone.
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
      data: { values, base: baseRef.current },
    });
  }

  function cancelPending() {
    clearTimeout(timer.current);
    timer.current = undefined;
  }

  const writeRef = useRef(write);
  useEffect(() => {
    writeRef.current = write;
  });

  // Read after any earlier mount of this form has written its last draft.
  useEffect(() => {
    const drafts = store();
    const mine = owner === undefined ? [] : drafts.list(scope, owner);
    const found = mine.filter((draft) => {
      if (!same(draft.data.values, initialValues)) return true;
      drafts.remove(draft.id);
      return false;
    });
    // eslint-disable-next-line react-hooks/set-state-in-effect -- storage is read once mounted, after an earlier mount's flush
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
    restore(draft: StoredDraft<FormDraftData<TValues>>) {
      cancelPending();
      const replaced = workingId.current;
      if (replaced !== undefined) write(getValues());
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
      for (const name of fields) {
        setValue(
          name,
          draft.data.values[name] as PathValue<TValues, typeof name>,
          {
            shouldDirty: true,
          },
        );
      }
      onRestore?.(draft.data.base);
    },

    discard(draft: StoredDraft<FormDraftData<TValues>>) {
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
