import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useUpdatePool } from '../api/mutations.ts';
import { poolVersionOf, type Pool, type PoolUpdateBody } from '../api/pools.ts';
import { poolQueries } from '../api/queries.ts';
import { samePoolValues, type PoolBase } from '../drafts.ts';
import {
  POOL_FORM_FIELDS,
  poolFormValuesOf,
  type PoolFormValues,
} from '../schemas.ts';
import type { ConflictAnswer } from './edit-conflict-dialog.tsx';
import { SaveCancelled } from './pool-form.tsx';

/** The server's version an edit builds on: what a save expects it still has. */
export type SaveBase = NonNullable<PoolBase>;

export function saveBaseOf(pool: Pool): SaveBase {
  return { updatedAt: poolVersionOf(pool), values: poolFormValuesOf(pool) };
}

/** Whether the server's pool is still the version the edit builds on. */
export function isBaseCurrent(base: SaveBase, current: Pool): boolean {
  const version = poolVersionOf(current);
  // Without updated_at (not sent by this upstream), compare what is shown.
  if (version === undefined || base.updatedAt === undefined) {
    return samePoolValues(poolFormValuesOf(current), base.values);
  }
  return version === base.updatedAt;
}

/**
 * The PATCH body: only the fields the user changed, and of those only the
 * ones the server does not already hold, so a field someone else edited in
 * the meantime keeps their value.
 */
export function poolChangesOf(
  values: PoolFormValues,
  base: SaveBase,
  current: Pool,
): PoolUpdateBody {
  const theirs = poolFormValuesOf(current);
  const body: PoolUpdateBody = {};
  for (const name of POOL_FORM_FIELDS) {
    if (values[name] !== base.values[name] && values[name] !== theirs[name])
      body[name] = values[name];
  }
  return body;
}

/** What a save is waiting for the user to decide. */
export type SaveQuestion =
  | { kind: 'review'; before: string; after: string }
  | {
      kind: 'conflict';
      theirs: Pool;
      mine: PoolFormValues;
      /** The values the edit started from, to tell what the user changed. */
      base: PoolFormValues;
    };

/**
 * Saving an edit of one loaded pool. It remembers the version the form was
 * opened from (or that a restored draft was made on) and saves only against
 * that version: if the server has moved on, `question` asks the user to
 * choose; a changed filter is shown for review before it is sent. `save`
 * is the form's onSubmit; it rejects with SaveCancelled when the user calls
 * the save off, and calls `onSaved` once the pool is saved.
 */
export function useSavePool({
  providerId,
  poolId,
  pool,
  onSaved,
}: {
  providerId: string;
  poolId: string;
  pool: Pool;
  onSaved: (saved: Pool) => void;
}) {
  const queryClient = useQueryClient();
  const updatePool = useUpdatePool(providerId, poolId);
  // The server's pool as the form was (re)opened on it: its values are the
  // form's defaults; a new key remounts the form.
  const [opened, setOpened] = useState(() => ({ key: 0, pool }));
  const [base, setBase] = useState(() => saveBaseOf(pool));
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

  async function readCurrent(): Promise<Pool> {
    const current = await queryClient.fetchQuery(
      poolQueries.current(providerId, poolId),
    );
    queryClient.setQueryData(
      poolQueries.detail(providerId, poolId).queryKey,
      current,
    );
    return current;
  }

  /** Their version becomes the form's; the form's own values stay a draft. */
  function editTheirs(current: Pool) {
    setBase(saveBaseOf(current));
    setOpened(({ key }) => ({ key: key + 1, pool: current }));
  }

  async function save(values: PoolFormValues) {
    let expected = base;
    let reviewedBefore: string | undefined;
    // Each question takes the user's time, so the pool is read again after
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
          editTheirs(current);
          throw new SaveCancelled();
        }
        if (answer !== 'mine') throw new SaveCancelled();
        expected = saveBaseOf(current);
        continue;
      }
      const body = poolChangesOf(values, base, current);
      if (body.filter !== undefined && reviewedBefore !== current.filter) {
        // The filter is the pool's security boundary: show the change, and
        // any test case it flips, before it is sent.
        const answer = await ask({
          kind: 'review',
          before: current.filter,
          after: body.filter,
        });
        if (answer !== 'mine') throw new SaveCancelled();
        reviewedBefore = current.filter;
        continue;
      }
      const saved =
        Object.keys(body).length > 0
          ? await updatePool.mutateAsync(body)
          : current;
      onSaved(saved);
      return;
    }
  }

  return {
    /** The pool the form opened on, and its key: a new key remounts the form. */
    opened,
    /** The version the values being edited build on (for the form's drafts). */
    base,
    /** A restored draft was made on its own version: saves build on that. */
    restoreBase(restored: PoolBase) {
      if (restored) setBase(restored);
    },
    save,
    isPending: updatePool.isPending,
    question,
    answer(answer: ConflictAnswer) {
      answerRef.current?.(answer);
    },
  };
}
