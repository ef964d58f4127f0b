const MAX_SHOWN = 32;

/**
 * Wraps source text in backticks for a message, shortening long text so a
 * message stays one readable line.
 */
export function code(text: string): string {
  const chars = Array.from(text.replace(/\s+/g, ' '));
  const shown =
    chars.length > MAX_SHOWN
      ? `${chars.slice(0, MAX_SHOWN - 1).join('')}…`
      : chars.join('');
  return `\`${shown}\``;
}
