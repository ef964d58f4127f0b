import { waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';

/**
 * Clicks a control in a Radix dialog that has just opened. Radix blocks
 * pointer events on the page while the dialog mounts and lifts the block a
 * moment later; user-event refuses (without clicking) until then.
 */
export function clickWhenReady(user: UserEvent, element: Element) {
  return waitFor(() => user.click(element));
}
