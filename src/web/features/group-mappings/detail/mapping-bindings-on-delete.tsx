import { useQuery } from '@tanstack/react-query';
import { effectiveAccess } from '#contract/effective-access.ts';
import { Button } from '@/components/ui/button.tsx';
import { directoryQueries } from '@/lib/directory-queries.ts';
import { getErrorMessage } from '@/lib/errors.ts';
import { groupMappingBindingQueries } from '../api/role-bindings.ts';

function bindingCount(count: number): string {
  return count === 1 ? '1 role binding' : `${count} role bindings`;
}

/**
 * The role bindings a mapping's principal holds (one org-wide query, its
 * first page) and what deleting the mapping does to them. Loading or
 * failing to list them never stands in the way of deleting: it says so and
 * deleting stays open.
 */
export function MappingBindingsOnDelete({
  id,
  principal,
}: {
  id: string;
  /** `User:group-…`. */
  principal: string;
}) {
  const organization = useQuery(directoryQueries.organization());
  const organizationId = organization.data?.id;
  const bindings = useQuery({
    ...groupMappingBindingQueries.firstPage(
      id,
      principal,
      organizationId ?? '',
    ),
    enabled: organizationId !== undefined,
  });
  const failure = organization.error ?? bindings.error;
  const listed = bindings.data?.data ?? [];
  const total = Math.max(
    bindings.data?.metadata.total_size ?? listed.length,
    listed.length,
  );
  const more = total - listed.length;
  const entries = effectiveAccess(
    listed.map((binding) => ({ poolId: id, binding })),
  );

  let summary: string;
  if (failure) {
    summary = `Lifeguard could not list its role bindings (${getErrorMessage(failure).replace(/\.$/, '')}). Whatever it grants stops reaching SSO users when it is deleted.`;
  } else if (!bindings.data) {
    summary = 'Looking up its role bindings…';
  } else if (total === 0) {
    summary = 'It holds no role bindings: SSO users lose nothing through it.';
  } else {
    summary = `Its ${bindingCount(total)} go with it: SSO users it maps lose what ${total === 1 ? 'it grants' : 'they grant'}.`;
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
      {entries.length > 0 && (
        // Focusable so that a keyboard can scroll a long list.
        <ul
          aria-label="Role bindings that go with the group mapping"
          tabIndex={0}
          className="grid max-h-48 grid-cols-1 gap-1 overflow-y-auto rounded border border-slate-200 bg-white p-2 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {entries.map((entry) => (
            <li
              key={`${entry.role} ${entry.crnPattern}`}
              className="break-words"
            >
              {entry.description}
            </li>
          ))}
        </ul>
      )}
      {more > 0 && <p>…and {more} more, not listed here.</p>}
    </>
  );
}
