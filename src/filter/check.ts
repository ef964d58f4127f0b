import { parseFilterAst } from './ast.ts';
import type { FilterNode } from './ast.ts';
import { findCertificateViolations } from './certificate-subset.ts';
import { DEFAULT_DIALECT, DIALECTS, type FilterDialect } from './dialect.ts';
import { findGroupMappingViolations } from './group-mapping-subset.ts';
import type { FilterProblem } from './problem.ts';
import { maskSource } from './source-mask.ts';
import { findSubsetViolations } from './subset.ts';
import { describeParseFailure } from './syntax-errors.ts';

export type { FilterProblem } from './problem.ts';

/** The verdict on a filter: valid, or every problem found in it. */
export type FilterCheck =
  { valid: true } | { valid: false; errors: FilterProblem[] };

const VIOLATIONS: Record<
  FilterDialect,
  (root: FilterNode, source: string) => FilterProblem[]
> = {
  'identity-pool': findSubsetViolations,
  'group-mapping': findGroupMappingViolations,
  'certificate-pool': findCertificateViolations,
};

/**
 * Checks that `source` is a filter Confluent accepts: CEL that parses, stays
 * inside Confluent's subset for the dialect (docs/confluent-api.md §9.2 for
 * identity pools) and is a condition. A syntax error is reported alone,
 * since nothing after it can be trusted; once the filter parses, every
 * subset violation is reported. Never throws.
 *
 * `dialect` picks the object the filter guards (identity pool by default;
 * see {@link FilterDialect}). An empty filter (blank, or only comments) is
 * valid only for a certificate pool, where it matches no certificate.
 */
export function checkFilter(
  source: string,
  dialect: FilterDialect = DEFAULT_DIALECT,
): FilterCheck {
  try {
    return checkParsed(source, dialect);
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

/** Whether `source` holds nothing but spaces and comments. */
export function isEmptyFilter(source: string): boolean {
  return /^[ \t\n\r]*$/.test(maskSource(source));
}

function checkParsed(source: string, dialect: FilterDialect): FilterCheck {
  const description = DIALECTS[dialect];
  if (isEmptyFilter(source)) {
    return description.emptyAllowed
      ? { valid: true }
      : invalid([
          { from: 0, to: source.length, message: description.emptyMessage },
        ]);
  }
  const parsed = parseFilterAst(source);
  if (!parsed.ok)
    return invalid([describeParseFailure(source, parsed.failure, dialect)]);
  const problems = VIOLATIONS[dialect](parsed.root, source);
  return problems.length === 0 ? { valid: true } : invalid(problems);
}

function invalid(errors: FilterProblem[]): FilterCheck {
  return { valid: false, errors };
}
