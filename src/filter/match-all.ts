/**
 * Whether a filter is the literal `true` (in any spacing or parentheses):
 * every token of the provider may use the pool. A text check cheap enough for
 * every row of a list; the linter's `matches-everything` rule also finds
 * filters that are always true in less obvious ways.
 */
export function isMatchAllFilter(source: string): boolean {
  return /^[\s(]*true[\s)]*$/.test(source);
}
