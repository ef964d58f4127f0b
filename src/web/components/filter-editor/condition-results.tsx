import type { ReactNode } from 'react';
import type { ConditionResult } from '#filter/evaluate.ts';
import type { FilterProblem } from '#filter/problem.ts';
import { Alert } from '@/components/ui/alert.tsx';
import { cn } from '@/lib/cn.ts';

// The testers of every kind (tokens, SSO groups, client certificates) show
// an evaluation the same way; this module is theirs and is loaded with them,
// never with the first screen.

const MARK = { true: '✓', false: '✗', error: '!' } as const;

/**
 * What a screen reader hears after a condition's text, since the mark is
 * hidden from it: whether the condition `passes` (a token or certificate
 * put to a filter), or its `value` (a user's groups read as an expression).
 */
const SPOKEN = {
  passes: {
    prefix: ' ',
    true: 'passes',
    false: 'fails',
    error: 'cannot be decided',
  },
  value: {
    prefix: ': ',
    true: 'true',
    false: 'false',
    error: 'cannot be decided',
  },
} as const;

/**
 * The filter's messages quote code in backticks, as its editor shows them;
 * a tester that shows them as plain prose drops the quotes.
 */
function messageText(message: string, isPlain: boolean): string {
  return isPlain ? message.replace(/`/g, '') : message;
}

/**
 * Why a filter cannot be put to the test: its first problem, as its checker
 * found it. `isPlain` drops the backticks around code in the message.
 */
export function UntestableFilterAlert({
  problems,
  isPlain = false,
}: {
  problems: readonly FilterProblem[];
  isPlain?: boolean;
}) {
  const first = problems[0]?.message;
  return (
    <Alert tone="warning">
      The filter has errors, so it cannot be tested yet:{' '}
      {first !== undefined && messageText(first, isPlain)}
    </Alert>
  );
}

/**
 * A tester's verdict, announced politely as it changes: green when the
 * tested input gets in, red otherwise. `children` add lines below the
 * headline (why, or on what it was tested).
 */
export function FilterVerdict({
  isPositive,
  headline,
  children,
}: {
  isPositive: boolean;
  headline: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div
      role="status"
      className={cn(
        'grid gap-1 rounded-md px-3 py-2',
        isPositive ? 'bg-green-50 text-green-900' : 'bg-red-50 text-red-900',
      )}
    >
      <p className="font-semibold">{headline}</p>
      {children}
    </div>
  );
}

/**
 * How each top-level condition of a filter fared (from `evaluateFilter`),
 * with why a condition has no value (`error`) or why a result came about
 * that no condition produced (`note`, e.g. an empty certificate filter).
 * `spoken` says how a screen reader hears the results; `isPlain` drops the
 * backticks around code in the messages.
 */
export function ConditionResults({
  conditions,
  spoken = 'passes',
  isPlain = false,
}: {
  conditions: readonly ConditionResult[];
  spoken?: keyof typeof SPOKEN;
  isPlain?: boolean;
}) {
  const words = SPOKEN[spoken];
  return (
    <ul aria-label="Conditions" className="grid gap-1">
      {conditions.map((condition) => {
        const explanation =
          condition.result === 'error' ? condition.error : condition.note;
        return (
          <li
            key={`${condition.from}-${condition.to}`}
            className="flex gap-2 text-sm"
          >
            <span
              aria-hidden="true"
              className={cn(
                'w-4 shrink-0 text-center font-bold',
                condition.result === 'true' ? 'text-green-800' : 'text-red-800',
              )}
            >
              {MARK[condition.result]}
            </span>
            <span className="min-w-0">
              <code className="font-mono text-xs break-all">
                {condition.text}
              </code>
              <span className="sr-only">
                {words.prefix}
                {words[condition.result]}
              </span>
              {explanation !== undefined && (
                <span className="block text-xs text-slate-700">
                  {messageText(explanation, isPlain)}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
