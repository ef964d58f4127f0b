import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button.tsx';
import { directoryQueries } from '@/lib/directory-queries.ts';
import { getErrorMessage } from '@/lib/errors.ts';
import { poolBindingQueries } from '../api/role-bindings.ts';
import { bindingResourceLabel } from './binding-label.ts';

// docs/decisions/015-role-bindings-in-the-emulator.md: a deleted pool's
// bindings go with it, those it holds and those on it. If the live service
// turns out to keep them, this text changes with the emulator.
const BINDINGS_ON_IT =
  'Bindings that give others rights on the pool itself, such as its owner’s, are deleted too.';

function bindingCount(count: number): string {
  return count === 1 ? '1 role binding' : `${count} role bindings`;
}

/**
 * The role bindings a pool holds (one org-wide query, its first page) and
 * what deleting the pool does to them. Loading or failing to list them
 * never stands in the way of deleting: it says so and deleting stays open.
 */
export function PoolBindingsOnDelete({
  providerId,
  poolId,
}: {
  providerId: string;
  poolId: string;
}) {
  const organization = useQuery(directoryQueries.organization());
  const organizationId = organization.data?.id;
  const bindings = useQuery({
    ...poolBindingQueries.firstPage(providerId, poolId, organizationId ?? ''),
    enabled: organizationId !== undefined,
  });
  const failure = organization.error ?? bindings.error;
  const listed = bindings.data?.data ?? [];
  const total = Math.max(
    bindings.data?.metadata.total_size ?? listed.length,
    listed.length,
  );
  const more = total - listed.length;

  let summary: string;
  if (failure) {
    summary = `Lifeguard could not list its role bindings (${getErrorMessage(failure).replace(/\.$/, '')}). Any it has are deleted with it.`;
  } else if (!bindings.data) {
    summary = 'Looking up its role bindings…';
  } else if (total === 0) {
    summary = 'It holds no role bindings.';
  } else {
    summary = `Its ${bindingCount(total)} ${total === 1 ? 'is' : 'are'} deleted with it:`;
  }

  return (
    <>
      {/* Polite, so the count is read once it arrives without taking focus. */}
      <p role="status">{summary}</p>
      {failure && (
        <div>
          <Button
            variant="secondary"
            size="sm"
            pending={organization.isFetching || bindings.isFetching}
            pendingLabel="Retrying…"
            onClick={() =>
              void (organization.isError
                ? organization.refetch()
                : bindings.refetch())
            }
          >
            Try listing them again
          </Button>
        </div>
      )}
      {listed.length > 0 && (
        // Focusable so that a keyboard can scroll a long list.
        <ul
          aria-label="Role bindings deleted with the pool"
          tabIndex={0}
          className="grid max-h-48 grid-cols-1 gap-1 overflow-y-auto rounded border border-slate-200 bg-white p-2 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {listed.map((binding) => (
            <li key={binding.id} className="break-words">
              <span className="font-medium">{binding.role_name}</span> on{' '}
              <span title={binding.crn_pattern}>
                {bindingResourceLabel(binding.crn_pattern)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {more > 0 && <p>…and {more} more, not listed here.</p>}
      {!(bindings.isPending && !failure) && <p>{BINDINGS_ON_IT}</p>}
    </>
  );
}
