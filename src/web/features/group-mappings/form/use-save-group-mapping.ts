import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import {
  groupMappingVersionOf,
  type GroupMapping,
  type GroupMappingUpdateBody,
} from '../api/group-mappings.ts';
import { useUpdateGroupMapping } from '../api/mutations.ts';
import { groupMappingQueries } from '../api/queries.ts';
import type { GroupMappingBase } from '../drafts.ts';
import {
  GROUP_MAPPING_FORM_FIELDS,
  groupMappingFormValuesOf,
  sameGroupMappingValues,
  type GroupMappingFormValues,
} from '../schemas.ts';
import type { ConflictAnswer } from './edit-conflict-dialog.tsx';

/** Thrown by an onSubmit that the user called off (in the conflict dialog). */
export class SaveCancelled extends Error {}

/** The server's version an edit builds on: what a save expects it still has. */
export type SaveBase = NonNullable<GroupMappingBase>;

export function saveBaseOf(mapping: GroupMapping): SaveBase {
  return {
    updatedAt: groupMappingVersionOf(mapping),
    values: groupMappingFormValuesOf(mapping),
  };
}

/** Whether the server's mapping is still the version the edit builds on. */
export function isBaseCurrent(base: SaveBase, current: GroupMapping): boolean {
  const version = groupMappingVersionOf(current);
  // Without updated_at, compare what is shown.
  if (version === undefined || base.updatedAt === undefined) {
    return sameGroupMappingValues(
      groupMappingFormValuesOf(current),
      base.values,
    );
  }
  return version === base.updatedAt;
}

/**
 * The PATCH body: only the fields the user changed, and of those only the
 * ones the server does not already hold, so a field someone else edited in
 * the meantime keeps their value. (The CLI's update resets a filter it is
 * not given to `true`; this never sends a field that was not changed.)
 */
export function groupMappingChangesOf(
  values: GroupMappingFormValues,
  base: SaveBase,
  current: GroupMapping,
): GroupMappingUpdateBody {
  const theirs = groupMappingFormValuesOf(current);
  const body: GroupMappingUpdateBody = {};
  for (const name of GROUP_MAPPING_FORM_FIELDS) {
    if (values[name] !== base.values[name] && values[name] !== theirs[name])
      body[name] = values[name];
  }
  return body;
}

/** What a save is waiting for the user to decide. */
export type SaveQuestion = {
  kind: 'conflict';
  theirs: GroupMapping;
  mine: GroupMappingFormValues;
  /** The values the edit started from, to tell what the user changed. */
  base: GroupMappingFormValues;
};

/**
 * Saving an edit of one loaded mapping, as pools do (decision 005): it
 * remembers the version the form was opened from (or that a restored draft
 * was made on) and saves only against that version; if the server has
 * moved on, `question` asks the user to choose. `save` is the form's
 * onSubmit; it rejects with SaveCancelled when the user calls the save off,
 * and calls `onSaved` once the mapping is saved.
 */
export function useSaveGroupMapping({
  id,
  mapping,
  onSaved,
}: {
  id: string;
  mapping: GroupMapping;
  onSaved: (saved: GroupMapping) => void;
}) {
  const queryClient = useQueryClient();
  const update = useUpdateGroupMapping(id);
  const [opened, setOpened] = useState(() => ({ key: 0, mapping }));
  const [base, setBase] = useState(() => saveBaseOf(mapping));
  const [question, setQuestion] = useState<SaveQuestion>();
  const answerRef = useRef<(answer: ConflictAnswer) => void>(undefined);

  async function ask(next: SaveQuestion): Promise<ConflictAnswer> {
    const answer = await new Promise<ConflictAnswer>((resolve) => {
      answerRef.current = resolve;
      setQuestion(next);
    });
    setQuestion(undefined);
    return answer;
  }

  async function readCurrent(): Promise<GroupMapping> {
    const current = await queryClient.fetchQuery(
      groupMappingQueries.current(id),
    );
    queryClient.setQueryData(groupMappingQueries.detail(id).queryKey, current);
    return current;
  }

  async function save(values: GroupMappingFormValues) {
    let expected = base;
    // A question takes the user's time, so the mapping is read again after
    // one: the PATCH always follows a read that matched.
    for (;;) {
      const current = await readCurrent();
      if (!isBaseCurrent(expected, current)) {
        const answer = await ask({
          kind: 'conflict',
          theirs: current,
          mine: values,
          base: base.values,
        });
        if (answer === 'theirs') {
          // Their version becomes the form's; the user's values stay a draft.
          setBase(saveBaseOf(current));
          setOpened(({ key }) => ({ key: key + 1, mapping: current }));
          throw new SaveCancelled();
        }
        if (answer !== 'mine') throw new SaveCancelled();
        expected = saveBaseOf(current);
        continue;
      }
      const body = groupMappingChangesOf(values, base, current);
      const saved =
        Object.keys(body).length > 0 ? await update.mutateAsync(body) : current;
      onSaved(saved);
      return;
    }
  }

  return {
    /** The mapping the form opened on, and its key: a new key remounts the form. */
    opened,
    /** The version the values being edited build on (for the form's drafts). */
    base,
    /** A restored draft was made on its own version: saves build on that. */
    restoreBase(restored: GroupMappingBase) {
      if (restored) setBase(restored);
    },
    save,
    isPending: update.isPending,
    question,
    answer(answer: ConflictAnswer) {
      answerRef.current?.(answer);
    },
  };
}
