import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
} from '@/components/ui/dialog.tsx';
import { testCaseQueries } from '../api/queries.ts';
import { runTestCases } from '../token-tools/test-cases-panel.tsx';
import { AccessChange } from './access-change.tsx';

/** Splits two texts into common prefix, differing middles and common suffix. */
export function diffParts(before: string, after: string) {
  let start = 0;
  while (
    start < before.length &&
    start < after.length &&
    before[start] === after[start]
  ) {
    start += 1;
  }
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end += 1;
  }
  return {
    prefix: before.slice(0, start),
    removed: before.slice(start, before.length - end),
    added: after.slice(start, after.length - end),
    suffix: before.slice(before.length - end),
  };
}

/**
 * Shown before a changed filter is saved: the old and new text with the
 * change marked, and every recorded test case whose result the edit flips.
 */
export function FilterChangeReview({
  providerId,
  poolId,
  before,
  after,
  onAnswer,
}: {
  providerId: string;
  poolId: string;
  before: string;
  after: string;
  onAnswer: (confirmed: boolean) => void;
}) {
  const testCases = useQuery(testCaseQueries.list(providerId, poolId));
  const outcomes = testCases.data
    ? runTestCases(testCases.data, after, before)
    : [];
  const flipped = outcomes.filter((outcome) => outcome.flipped);
  const failing = outcomes.filter((outcome) => !outcome.passes);
  const { prefix, removed, added, suffix } = diffParts(before, after);
  return (
    <AlertDialog open onOpenChange={(open) => !open && onAnswer(false)}>
      <AlertDialogContent
        title="Save the new filter?"
        size="lg"
        description={
          <>
            <p>
              The filter decides which tokens may use this pool. Check the
              change:
            </p>
            <div className="grid gap-2 font-mono text-xs">
              <p className="rounded bg-red-50 p-2 break-all">
                <span className="mr-2 font-sans font-semibold">Before</span>
                {prefix}
                <del className="bg-red-200">{removed}</del>
                {suffix}
              </p>
              <p className="rounded bg-green-50 p-2 break-all">
                <span className="mr-2 font-sans font-semibold">After</span>
                {prefix}
                <ins className="bg-green-200 no-underline">{added}</ins>
                {suffix}
              </p>
            </div>
            {flipped.length > 0 && (
              <div
                role="alert"
                className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900"
              >
                <p className="font-semibold">
                  This edit changes the result of {flipped.length} test case
                  {flipped.length === 1 ? '' : 's'}:
                </p>
                <ul className="ml-4 list-disc">
                  {flipped.map((outcome) => (
                    <li key={outcome.testCase.id}>
                      {outcome.testCase.name}: now{' '}
                      {outcome.actual ? 'matches' : 'does not match'} (
                      {outcome.passes ? 'as expected' : 'not as expected'})
                    </li>
                  ))}
                </ul>
                <AccessChange
                  providerId={providerId}
                  poolId={poolId}
                  flipped={flipped.map((outcome) => ({
                    id: outcome.testCase.id,
                    name: outcome.testCase.name,
                    nowMatches: outcome.actual === true,
                  }))}
                />
              </div>
            )}
            {failing.length > 0 && flipped.length === 0 && (
              <p className="text-amber-900">
                {failing.length} test case{failing.length === 1 ? '' : 's'}{' '}
                already fail with this filter.
              </p>
            )}
          </>
        }
      >
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Keep editing</Button>
          </AlertDialogCancel>
          <Button onClick={() => onAnswer(true)}>Save the new filter</Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
