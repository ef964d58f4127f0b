import { lintFilter } from '#filter/lint.ts';

/**
 * Whether a group-mapping filter maps every SSO user of the organisation:
 * the linter's matches-everything rule, which also sees through `true ||
 * …` and the like, not only the literal `true`.
 */
export function matchesEverySsoUser(filter: string): boolean {
  return lintFilter(filter, { dialect: 'group-mapping' }).some(
    (diagnostic) => diagnostic.rule === 'matches-everything',
  );
}
