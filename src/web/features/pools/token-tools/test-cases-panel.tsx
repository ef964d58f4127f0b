import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { compileFilter } from '#filter/evaluate.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Button } from '@/components/ui/button.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { useDeleteTestCase } from '../api/mutations.ts';
import { testCaseQueries } from '../api/queries.ts';
import type { TestCase } from '../api/test-cases.ts';

export type TestCaseOutcome = {
  testCase: TestCase;
  /** undefined when the filter is invalid. */
  actual: boolean | undefined;
  passes: boolean;
  /** The result differs from the one under `savedFilter`. */
  flipped: boolean;
};

/** Runs every test case against `filter` (and the saved filter, to spot flips). */
export function runTestCases(
  testCases: TestCase[],
  filter: string,
  savedFilter?: string,
): TestCaseOutcome[] {
  const current = compileFilter(filter);
  const saved =
    savedFilter === undefined ? undefined : compileFilter(savedFilter);
  return testCases.map((testCase) => {
    const evaluation = current(testCase.claims);
    const actual = evaluation.ok ? evaluation.matches : undefined;
    const before = saved?.(testCase.claims);
    const beforeMatches = before?.ok ? before.matches : undefined;
    return {
      testCase,
      actual,
      passes: actual === (testCase.expected === 'match'),
      flipped: saved !== undefined && beforeMatches !== actual,
    };
  });
}

/** "All 3 test cases pass.", "The test case fails.", "1 of 3 test cases fails." */
function testCasesSummary(count: number, failing: number): string {
  if (count === 1) {
    return failing === 0 ? 'The test case passes.' : 'The test case fails.';
  }
  if (failing === 0) return `All ${count} test cases pass.`;
  return `${failing} of ${count} test cases ${failing === 1 ? 'fails' : 'fail'}.`;
}

/** A pool's recorded test cases, re-run against the filter as it is typed. */
export function TestCasesPanel({
  providerId,
  poolId,
  filter,
  savedFilter,
  readOnlyReason,
}: {
  providerId: string;
  poolId: string;
  filter: string;
  savedFilter?: string;
  /** Set when the user may not delete test cases: why. */
  readOnlyReason?: string;
}) {
  const reasonId = useId();
  const query = useQuery(testCaseQueries.list(providerId, poolId));
  const remove = useDeleteTestCase(providerId, poolId);
  const outcomes = useMemo(
    () =>
      query.data ? runTestCases(query.data, filter, savedFilter) : undefined,
    [query.data, filter, savedFilter],
  );
  const failing = outcomes?.filter((outcome) => !outcome.passes).length ?? 0;

  return (
    <section
      aria-labelledby={`test-cases-${poolId}`}
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`test-cases-${poolId}`} className="text-lg font-semibold">
        Test cases
      </h2>
      {query.isError && (
        <ApiErrorView
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {query.isPending && <Skeleton className="h-16 w-full" />}
      {outcomes && outcomes.length === 0 && (
        <p className="text-sm text-slate-700">
          No test cases yet. Paste a token in the tester and save it as a test
          case: it will be re-run every time the filter changes.
        </p>
      )}
      {outcomes && outcomes.length > 0 && (
        <>
          <p
            role="status"
            className={
              failing
                ? 'font-medium text-red-800'
                : 'font-medium text-green-800'
            }
          >
            {testCasesSummary(outcomes.length, failing)}
          </p>
          <Table>
            <caption className="sr-only">Test cases and their results</caption>
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Expected</Th>
                <Th>Result</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {outcomes.map((outcome) => (
                <tr key={outcome.testCase.id}>
                  <Td>{outcome.testCase.name}</Td>
                  <Td>
                    {outcome.testCase.expected === 'match'
                      ? 'should match'
                      : 'should not match'}
                  </Td>
                  <Td>
                    <span
                      className={
                        outcome.passes
                          ? 'text-green-800'
                          : 'font-medium text-red-800'
                      }
                    >
                      {outcome.actual === undefined
                        ? 'filter invalid'
                        : outcome.passes
                          ? 'passes'
                          : outcome.actual
                            ? 'fails: matches'
                            : 'fails: does not match'}
                    </span>
                    {outcome.flipped && (
                      <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">
                        changed by this edit
                      </span>
                    )}
                  </Td>
                  <Td className="text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Delete test case ${outcome.testCase.name}`}
                      disabled={remove.isPending || !!readOnlyReason}
                      aria-describedby={readOnlyReason ? reasonId : undefined}
                      onClick={() => remove.mutate(outcome.testCase.id)}
                    >
                      Delete
                    </Button>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {readOnlyReason && (
            <DisabledReason id={reasonId}>{readOnlyReason}</DisabledReason>
          )}
        </>
      )}
    </section>
  );
}
