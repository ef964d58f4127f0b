import { useEffect, useRef, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import { useDraftOwner } from '@/lib/draft-owner.ts';
import { newDraftId } from '@/lib/draft-store.ts';
import {
  groupMappingDrafts,
  type GroupMappingBase,
  type GroupMappingDraft,
} from '../drafts.ts';
import {
  GROUP_MAPPING_FORM_FIELDS,
  sameGroupMappingValues,
  type GroupMappingFormValues,
} from '../schemas.ts';

/** How long typing pauses before the draft is written. */
export const DRAFT_DEBOUNCE_MS = 400;

export type GroupMappingDraftOptions = {
  scope: string;
  /** The version the form's values build on, stored with each draft. */
  base: GroupMappingBase;
  /** A restored draft builds on its own base; the caller saves against it. */
  onRestore?: (base: GroupMappingBase) => void;
};

/**
 * Keeps what is typed in a group mapping form as a draft in the tab's
 * storage and offers earlier drafts back, as the pool forms do (decision
 * 005): each mount writes its own draft, created on the first change, so a
 * draft offered and not yet answered is never overwritten by new typing.
 * Drafts are the signed-in user's own (DraftOwnerContext).
 */
export function useGroupMappingDraft(
  form: Pick<
    UseFormReturn<GroupMappingFormValues>,
    'watch' | 'getValues' | 'setValue'
  >,
  { scope, base, onRestore }: GroupMappingDraftOptions,
) {
  const { watch, getValues, setValue } = form;
  const owner = useDraftOwner();
  // What the server (or an empty form) had when this form opened: a draft
  // equal to it holds nothing worth keeping.
  const [initialValues] = useState(() => getValues());
  const [offered, setOffered] = useState<GroupMappingDraft[]>([]);
  const workingId = useRef<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const baseRef = useRef(base);
  useEffect(() => {
    baseRef.current = base;
  }, [base]);

  function write(values: GroupMappingFormValues) {
    // No one to keep it for: a draft without an owner could be offered to
    // anyone.
    if (owner === undefined) return;
    const drafts = groupMappingDrafts();
    if (sameGroupMappingValues(values, initialValues)) {
      if (workingId.current !== undefined) drafts.remove(workingId.current);
      workingId.current = undefined;
      return;
    }
    workingId.current ??= newDraftId();
    drafts.save({
      id: workingId.current,
      scope,
      owner,
      data: {
        values: {
          display_name: values.display_name,
          description: values.description,
          filter: values.filter,
        },
        base: baseRef.current,
      },
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
    const drafts = groupMappingDrafts();
    const mine = owner === undefined ? [] : drafts.list(scope, owner);
    const found = mine.filter((draft) => {
      if (!sameGroupMappingValues(draft.data.values, initialValues)) {
        return true;
      }
      drafts.remove(draft.id);
      return false;
    });
    // Storage is outside React and read once the form is mounted, after an
    // earlier mount's unmount flush has written its last draft.
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
    restore(draft: GroupMappingDraft) {
      cancelPending();
      const replaced = workingId.current;
      if (replaced !== undefined) {
        // What was typed before restoring becomes a draft of its own.
        write(getValues());
      }
      const setAside =
        owner === undefined
          ? []
          : groupMappingDrafts()
              .list(scope, owner)
              .filter((stored) => stored.id === replaced);
      setOffered((current) => [
        ...setAside,
        ...current.filter((stored) => stored.id !== draft.id),
      ]);
      workingId.current = draft.id;
      baseRef.current = draft.data.base;
      for (const name of GROUP_MAPPING_FORM_FIELDS) {
        setValue(name, draft.data.values[name], { shouldDirty: true });
      }
      onRestore?.(draft.data.base);
    },

    discard(draft: GroupMappingDraft) {
      groupMappingDrafts().remove(draft.id);
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
        groupMappingDrafts().remove(workingId.current);
      }
      workingId.current = undefined;
    },
  };
}
