import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
} from '@/components/ui/dialog.tsx';
import { Button } from '@/components/ui/button.tsx';
import { revokeProblem } from '../access-errors.ts';
import { useRevokeAccess } from '../api/mutations.ts';
import {
  describePlace,
  describeTarget,
  type BindingView,
  type DirectoryNames,
} from '../binding-groups.ts';
import { AccessProblemView } from './access-problem-view.tsx';
import { capitalise, type AccessWording } from '../access-wording.ts';

/**
 * Asks before revoking one binding, naming its role and resource; a failed
 * revoke is explained here (a binding already gone refreshes the list), and
 * the dialog cannot close while the revoke is under way.
 */
export function RevokeBindingDialog({
  objectId,
  principal,
  wording,
  view,
  names,
  onClose,
  onRevoked,
}: {
  /** The object whose bindings list a revoke refreshes (`pool-…`, `group-…`). */
  objectId: string;
  principal: string;
  wording: AccessWording;
  /** The binding to revoke; the dialog is open while it is set. */
  view: BindingView | undefined;
  names: DirectoryNames;
  onClose: () => void;
  onRevoked: (message: string) => void;
}) {
  const revoke = useRevokeAccess(objectId);
  const problem = revoke.error
    ? revokeProblem(revoke.error, wording.noun)
    : undefined;
  const isGone = problem?.kind === 'gone';

  function changeOpen(open: boolean) {
    if (open || revoke.isPending) return;
    revoke.reset();
    onClose();
  }

  if (!view) return null;
  const role = view.binding.role_name;
  const where = `${describeTarget(view)} ${describePlace(view, names)}`.trim();
  return (
    <AlertDialog open onOpenChange={changeOpen}>
      <AlertDialogContent
        title={`Revoke ${role}?`}
        description={
          <>
            <p>
              <code className="font-mono text-xs break-all">{principal}</code>{' '}
              loses {role} on {where}. {capitalise(wording.holders)} can no
              longer do what it allowed.
            </p>
            <p className="font-mono text-xs break-all text-slate-600">
              {view.binding.crn_pattern}
            </p>
          </>
        }
      >
        {revoke.error != null && (
          <AccessProblemView error={revoke.error} problem={problem} />
        )}
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary" disabled={revoke.isPending}>
              {isGone ? 'Close' : 'Cancel'}
            </Button>
          </AlertDialogCancel>
          {!isGone && (
            <Button
              variant="danger"
              pending={revoke.isPending}
              pendingLabel="Revoking…"
              onClick={() =>
                revoke.mutate(view.binding.id, {
                  onSuccess: () => {
                    onRevoked(`Revoked ${role} on ${where}.`);
                    onClose();
                  },
                })
              }
            >
              Revoke
            </Button>
          )}
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
