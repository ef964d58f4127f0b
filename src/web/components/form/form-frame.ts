import type { KeyboardEvent } from 'react';

/**
 * The card a record's form sits in. One shrinkable column: an implicit grid
 * column is as wide as its widest content, which at 360 px (WCAG 1.4.10)
 * made the page scroll sideways.
 */
export const FORM_CARD_CLASSES =
  'grid max-w-2xl grid-cols-1 gap-5 rounded-lg border border-slate-200 bg-white p-6';

/**
 * A form's onKeyDown: Enter submits from an input by itself; in a
 * multi-line field (a textarea, the filter editor) it is a line break, so
 * Ctrl/Cmd+Enter submits there.
 */
export function submitFromMultiline(event: KeyboardEvent<HTMLFormElement>) {
  if (
    event.key === 'Enter' &&
    (event.ctrlKey || event.metaKey) &&
    (event.target instanceof HTMLTextAreaElement ||
      (event.target instanceof HTMLElement && event.target.isContentEditable))
  ) {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
}
