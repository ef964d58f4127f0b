import { useRef, useState } from 'react';
import type { DraftBase } from './use-form-draft.ts';

/** Thrown by an onSubmit the user called off (in a review or conflict dialog). */
export class SaveCancelled extends Error {}

/** How the user answered a question a save asked (a conflict, a review). */
export type ConflictAnswer = 'mine' | 'theirs' | 'cancel';

/** The server's version an edit builds on: what a save expects it still has. */
export type SaveBase<TValues> = NonNullable<DraftBase<TValues>>;

/** What a save is waiting for the user to decide. */
export type SaveQuestion<TRecord, TValues> =
  | { kind: 'review'; before: string; after: string }
  | {
      kind: 'conflict';
      theirs: TRecord;
      mine: TValues;
      /** The values the edit started from, to tell what the user changed. */
      base: TValues;
    };

/** How a kind's records read as form values, and which version they are. */
export type VersionedKind<TRecord, TValues> = {
  versionOf: (record: TRecord) => string | undefined;
  valuesOf: (record: TRecord) => TValues;
  same: (a: TValues, b: TValues) => boolean;
};

/** The version a record is, as an edit of it builds on it. */
export function saveBaseOf<TRecord, TValues>(
  kind: VersionedKind<TRecord, TValues>,
  record: TRecord,
): SaveBase<TValues> {
  return { updatedAt: kind.versionOf(record), values: kind.valuesOf(record) };
}

/** Whether the server's record is still the version the edit builds on. */
export function isBaseCurrent<TRecord, TValues>(
  kind: VersionedKind<TRecord, TValues>,
  expected: SaveBase<TValues>,
  current: TRecord,
): boolean {
  const version = kind.versionOf(current);
  // Without updated_at (not every upstream sends it), compare what the form
  // shows.
  if (version === undefined || expected.updatedAt === undefined) {
    return kind.same(kind.valuesOf(current), expected.values);
  }
  return version === expected.updatedAt;
}

/**
 * Saving an edit of one loaded record, whatever the write (a PATCH of the
 * changed fields, a PUT of them over the current record; decision 005): it
 * remembers the version the form was opened from (or that a restored draft
 * was made on) and writes only over that version. If the server has moved
 * on, `question` asks the user to choose; `review` may ask to confirm a
 * change first. `save` is the form's onSubmit; it rejects with
 * SaveCancelled when the user calls the save off, and calls `onSaved` once
 * the record is saved.
 */
export function useVersionedSave<TRecord, TValues>({
  record,
  versionOf,
  valuesOf,
  same,
  readCurrent,
  review,
  write,
  onSaved,
}: VersionedKind<TRecord, TValues> & {
  record: TRecord;
  /** The record as the server has it now, never from a cache. */
  readCurrent: () => Promise<TRecord>;
  /** A change to show before it is sent, if any (a filter, say). */
  review?: (
    values: TValues,
    current: TRecord,
    base: SaveBase<TValues>,
  ) => { before: string; after: string } | undefined;
  /**
   * Sends the user's changes (against `base`) over `current`, so fields
   * someone else changed meanwhile keep their value; resolves to the
   * record as saved (`current` when there was nothing to send).
   */
  write: (
    values: TValues,
    base: SaveBase<TValues>,
    current: TRecord,
  ) => Promise<TRecord>;
  onSaved: (saved: TRecord) => void;
}) {
  const kind = { versionOf, valuesOf, same };
  // The server's record as the form was (re)opened on it: its values are
  // the form's defaults; a new key remounts the form.
  const [opened, setOpened] = useState(() => ({ key: 0, record }));
  const [base, setBase] = useState(() => saveBaseOf(kind, record));
  const [question, setQuestion] = useState<SaveQuestion<TRecord, TValues>>();
  const answerRef = useRef<(answer: ConflictAnswer) => void>(undefined);

  async function ask(
    next: SaveQuestion<TRecord, TValues>,
  ): Promise<ConflictAnswer> {
    const answer = await new Promise<ConflictAnswer>((resolve) => {
      answerRef.current = resolve;
      setQuestion(next);
    });
    setQuestion(undefined);
    return answer;
  }

  async function save(values: TValues) {
    let expected = base;
    let reviewedBefore: string | undefined;
    // Each question takes the user's time, so the record is read again
    // after one: the write always follows a read that matched.
    for (;;) {
      const current = await readCurrent();
      if (!isBaseCurrent(kind, expected, current)) {
        const answer = await ask({
          kind: 'conflict',
          theirs: current,
          mine: values,
          base: base.values,
        });
        if (answer === 'theirs') {
          // Their version becomes the form's; the typed values stay a draft.
          setBase(saveBaseOf(kind, current));
          setOpened(({ key }) => ({ key: key + 1, record: current }));
          throw new SaveCancelled();
        }
        if (answer !== 'mine') throw new SaveCancelled();
        expected = saveBaseOf(kind, current);
        continue;
      }
      const change = review?.(values, current, base);
      if (change && reviewedBefore !== change.before) {
        const answer = await ask({ kind: 'review', ...change });
        if (answer !== 'mine') throw new SaveCancelled();
        reviewedBefore = change.before;
        continue;
      }
      const saved = await write(values, base, current);
      onSaved(saved);
      return;
    }
  }

  return {
    /** The record the form opened on, and its key: a new key remounts the form. */
    opened,
    /** The version the values being edited build on (for the form's drafts). */
    base,
    /** A restored draft was made on its own version: saves build on that. */
    restoreBase(restored: DraftBase<TValues>) {
      if (restored) setBase(restored);
    },
    save,
    question,
    answer(answer: ConflictAnswer) {
      answerRef.current?.(answer);
    },
  };
}
