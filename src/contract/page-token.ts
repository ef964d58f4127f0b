/**
 * The page_token inside a list link (a Confluent list's `metadata.next` or
 * `.prev`), if any. Links may be absolute or relative; one that does not
 * parse has no token.
 */
export function pageTokenOf(
  link: string | null | undefined,
): string | undefined {
  if (!link) return undefined;
  try {
    return (
      new URL(link, 'http://link.invalid').searchParams.get('page_token') ??
      undefined
    );
  } catch {
    return undefined;
  }
}
