import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useDraftOwner } from '@/lib/draft-owner.ts';
import { newDraftId } from '@/lib/draft-store.ts';
import {
  draftValuesOf,
  poolDrafts,
  samePoolValues,
  type PoolBase,
  type PoolDraft,
} from '../drafts.ts';
import { POOL_FORM_FIELDS, type PoolFormValues } from '../schemas.ts';

/** How long typing pauses before the draft is written. */
export const DRAFT_DEBOUNCE_MS = 400;

export type PoolDraftOptions = {
  scope: string;
  /** The version the form's values build on, stored with each draft. */
  base: PoolBase;
  /** A restored draft builds on its own base; the caller saves against it. */
  onRestore?: (base: PoolBase) => void;
};

/**
 * Keeps what is typed in a pool form as a draft in the tab's storage and
 * offers earlier drafts back. Each mount of the form writes its own draft
 * (created on the first change), so a draft offered and not yet answered is
 * never overwritten by new typing. Drafts are the signed-in user's own (see
 * DraftOwnerContext): another user's are never offered.
 */
export function usePoolDraft(
  form: Pick<UseFormReturn<PoolFormValues>, 'watch' | 'getValues' | 'setValue'>,
  { scope, base, onRestore }: PoolDraftOptions,
) {
  const { watch, getValues, setValue } = form;
  const owner = useDraftOwner();
  // What the server (or an empty form) had when this form opened: a draft
  // equal to it holds nothing worth keeping.
  const [initialValues] = useState(() => getValues());
  const [offered, setOffered] = useState<PoolDraft[]>([]);
  const workingId = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const baseRef = useRef(base);
  useEffect(() => {
    baseRef.current = base;
  }, [base]);

  function write(values: PoolFormValues) {
    // No one to keep it for (no DraftOwnerContext): a draft without an owner
    // could be offered to anyone.
    if (owner === undefined) return;
    const drafts = poolDrafts();
    if (samePoolValues(values, initialValues)) {
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
    const drafts = poolDrafts();
    const mine = owner === undefined ? [] : drafts.list(scope, owner);
    const found = mine.filter((draft) => {
      if (!samePoolValues(draft.data.values, initialValues)) return true;
      drafts.remove(draft.id);
      return false;
    });
    // Storage is outside React, and is read once the form is mounted: a keyed
    // remount renders before the old mount's unmount flush writes its last
    // draft, so a read in render (a lazy useState) would not offer that one.
    // eslint-disable-next-line react-hooks/set-state-in-effect -- must follow that flush
    setOffered(found);
  }, [scope, owner, initialValues]);

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
    restore(draft: PoolDraft) {
      cancelPending();
      const replaced = workingId.current;
      if (replaced !== undefined) {
        // What was typed before restoring becomes a draft of its own.
        write(getValues());
      }
      const setAside =
        owner === undefined
          ? []
          : poolDrafts()
              .list(scope, owner)
              .filter((stored) => stored.id === replaced);
      setOffered((current) => [
        ...setAside,
        ...current.filter((stored) => stored.id !== draft.id),
      ]);
      workingId.current = draft.id;
      baseRef.current = draft.data.base;
      for (const name of POOL_FORM_FIELDS) {
        setValue(name, draft.data.values[name], { shouldDirty: true });
      }
      // The create form's owner choice is part of its draft too; an edit
      // form, which has no owner, is left without the key.
      const poolOwner = draft.data.values.assigned_resource_owner;
      if (
        poolOwner !== undefined ||
        getValues('assigned_resource_owner') !== undefined
      ) {
        setValue('assigned_resource_owner', poolOwner ?? '', {
          shouldDirty: true,
        });
      }
      onRestore?.(draft.data.base);
    },

    discard(draft: PoolDraft) {
      poolDrafts().remove(draft.id);
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
      if (workingId.current !== undefined) {
        poolDrafts().remove(workingId.current);
      }
      workingId.current = undefined;
    },
  };
}
