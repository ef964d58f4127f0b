import { Button } from '@/components/ui/button.tsx';
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogFooter,
} from '@/components/ui/dialog.tsx';
import { filterBreadth } from '../pools/filter-breadth.tsx';

function FilterText({ filter }: { filter: string }) {
  if (filter.trim() === '') {
    return <span className="text-slate-600 italic">empty</span>;
  }
  return (
    <code className="block rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap">
      {filter}
    </code>
  );
}

/**
 * The filter is the pool's security boundary: a change is shown, old and
 * new, before it is sent.
 */
export function FilterChangeReview({
  before,
  after,
  onAnswer,
}: {
  before: string;
  after: string;
  onAnswer: (confirmed: boolean) => void;
}) {
  const breadth = filterBreadth(after);
  return (
    <AlertDialog open onOpenChange={(open) => !open && onAnswer(false)}>
      <AlertDialogContent
        title="Change this pool’s filter?"
        size="lg"
        description={
          <p>
            The filter decides which client certificates of this authority act
            as this pool. Certificates that match the new filter and not the old
            one gain the pool’s access; the others lose it.
          </p>
        }
      >
        <dl className="grid gap-3 text-sm">
          <div className="grid gap-1">
            <dt className="font-medium">Now</dt>
            <dd>
              <FilterText filter={before} />
            </dd>
          </div>
          <div className="grid gap-1">
            <dt className="font-medium">After saving</dt>
            <dd>
              <FilterText filter={after} />
            </dd>
          </div>
        </dl>
        {breadth === 'all' && (
          <p className="text-sm font-medium text-amber-900">
            true matches every certificate this certificate authority issued.
          </p>
        )}
        {breadth === 'none' && (
          <p className="text-sm font-medium text-amber-900">
            An empty filter matches no certificate: every client that uses this
            pool now loses it.
          </p>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel asChild>
            <Button variant="secondary">Keep editing</Button>
          </AlertDialogCancel>
          <Button onClick={() => onAnswer(true)}>Save the new filter</Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
