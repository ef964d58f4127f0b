import { parseFilterAst } from './ast.ts';
import type { FilterProblem } from './problem.ts';
import { maskSource } from './source-mask.ts';
import { findSubsetViolations } from './subset.ts';
import { describeParseFailure } from './syntax-errors.ts';

export type { FilterProblem } from './problem.ts';

/** The verdict on a filter: valid, or every problem found in it. */
export type FilterCheck =
  { valid: true } | { valid: false; errors: FilterProblem[] };

const EMPTY_FILTER =
  'The filter is empty; write `true` to match every token from this provider';

/**
 * Checks that `source` is a filter Confluent accepts: CEL that parses, stays
 * inside Confluent's subset (docs/confluent-api.md §9.2) and is a condition.
 * A syntax error is reported alone, since nothing after it can be trusted;
 * once the filter parses, every subset violation is reported. Never throws.
 */
export function checkFilter(source: string): FilterCheck {
  try {
    return checkParsed(source);
  } catch {
    // A bug here must not take the form or the emulator down with it.
    return invalid([
      {
        from: 0,
        to: source.length,
        message: 'The filter could not be checked',
      },
    ]);
  }
}

function checkParsed(source: string): FilterCheck {
  if (/^[ \t\n\r]*$/.test(maskSource(source))) {
    return invalid([{ from: 0, to: source.length, message: EMPTY_FILTER }]);
  }
  const parsed = parseFilterAst(source);
  if (!parsed.ok)
    return invalid([describeParseFailure(source, parsed.failure)]);
  const problems = findSubsetViolations(parsed.root, source);
  return problems.length === 0 ? { valid: true } : invalid(problems);
}

function invalid(errors: FilterProblem[]): FilterCheck {
  return { valid: false, errors };
}
