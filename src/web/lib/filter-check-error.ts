import type { FilterDialect } from '#filter/dialect.ts';

/**
 * The browser's checker's first error in a filter, as a sentence for the
 * filter field, or undefined. The checker is loaded on demand (with the
 * editor's chunk); if it cannot load (offline?) the server still checks.
 * Only its errors count: length is the server's call, since an
 * organisation's limit can be raised.
 */
export async function filterCheckError(
  filter: string,
  dialect?: FilterDialect,
): Promise<string | undefined> {
  const checker = await import('#filter/check.ts').catch(() => undefined);
  if (checker === undefined) return undefined;
  const check = checker.checkFilter(filter, dialect);
  if (check.valid) return undefined;
  // The checker marks code with backticks; this message is plain text.
  const message = check.errors[0]?.message.replace(/`/g, '');
  return `This filter cannot be saved: ${message ?? 'it is not valid'}`;
}
