import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import {
  ScreenActions,
  WriteAction,
  WriteActionLink,
} from '@/components/layouts/screen-actions.tsx';
import { notify } from '@/lib/notify.ts';

// The detail screens of every kind offer the same actions. Only lazy route
// modules import this module: the first screen's budget has no room for it.

/**
 * A detail screen's actions: Edit, Create a copy, the kind's export and
 * Delete, each write disabled with `refusal` as the reason when the user
 * may not write. `renderDelete` gets what to do once the object is gone:
 * say so (`name`) and go to `deletedHref`. `hasEditShortcut` marks Edit as
 * what the `e` shortcut presses.
 */
export function DetailActions({
  refusal,
  name,
  editHref,
  copyHref,
  hasEditShortcut = false,
  exportDialog,
  renderDelete,
  deletedHref,
}: {
  refusal: string | undefined;
  name: string;
  editHref: string;
  copyHref: string;
  hasEditShortcut?: boolean;
  exportDialog: ReactNode;
  renderDelete: (onDeleted: () => void) => ReactNode;
  deletedHref: string;
}) {
  const navigate = useNavigate();
  return (
    <ScreenActions refusal={refusal}>
      <WriteActionLink
        to={editHref}
        variant="secondary"
        aria-keyshortcuts={hasEditShortcut ? 'e' : undefined}
      >
        Edit
      </WriteActionLink>
      <WriteActionLink to={copyHref} variant="secondary">
        Create a copy
      </WriteActionLink>
      {exportDialog}
      <WriteAction label="Delete" variant="danger">
        {renderDelete(() => {
          notify.success(`Deleted ${name}`);
          void navigate(deletedHref);
        })}
      </WriteAction>
    </ScreenActions>
  );
}
