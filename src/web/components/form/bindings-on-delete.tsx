import {
  useQuery,
  type QueryKey,
  type UseQueryOptions,
} from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { components } from '#contract/schema.d.ts';
import { Button } from '@/components/ui/button.tsx';
import { directoryQueries } from '@/lib/directory-queries.ts';
import { getErrorMessage } from '@/lib/errors.ts';

type RoleBindingList = components['schemas']['RoleBindingList'];

/** A role binding as a list page carries it. */
export type ListedRoleBinding = NonNullable<RoleBindingList['data']>[number];

/** What a delete dialog says about the bindings, in its kind's words. */
export type BindingsOnDeleteWording = {
  /** After "could not list its role bindings (why).": what happens anyway. */
  unlisted: string;
  /** When it holds none. */
  none: string;
  /** When it holds some; `count` is "1 role binding", "3 role bindings". */
  some: (count: string, total: number) => string;
  /** The accessible name of the list. */
  listLabel: string;
  /** Shown below, once the bindings are listed or could not be. */
  after?: string;
};

function bindingCount(count: number): string {
  return count === 1 ? '1 role binding' : `${count} role bindings`;
}

/**
 * The role bindings an object's principal holds (the first page of one
 * org-wide query: `bindingsQuery` for the organization's id) and what
 * deleting the object does to them, each listed as `items` describes it.
 * Loading or failing to list them never stands in the way of deleting: it
 * says so and deleting stays open. Loaded with the delete dialog's body,
 * see BindingsOnDeleteSection.
 */
export function BindingsOnDelete<TQueryKey extends QueryKey>({
  bindingsQuery,
  wording,
  items,
}: {
  bindingsQuery: (
    organizationId: string,
  ) => UseQueryOptions<RoleBindingList, Error, RoleBindingList, TQueryKey>;
  wording: BindingsOnDeleteWording;
  items: (listed: ListedRoleBinding[]) => { key: string; content: ReactNode }[];
}) {
  const organization = useQuery(directoryQueries.organization());
  const organizationId = organization.data?.id;
  const bindings = useQuery({
    ...bindingsQuery(organizationId ?? ''),
    enabled: organizationId !== undefined,
  });
  const failure = organization.error ?? bindings.error;
  const listed = bindings.data?.data ?? [];
  const total = Math.max(
    bindings.data?.metadata.total_size ?? listed.length,
    listed.length,
  );
  const more = total - listed.length;
  const shown = items(listed);

  let summary: string;
  if (failure) {
    summary = `Lifeguard could not list its role bindings (${getErrorMessage(failure).replace(/\.$/, '')}). ${wording.unlisted}`;
  } else if (!bindings.data) {
    summary = 'Looking up its role bindings…';
  } else if (total === 0) {
    summary = wording.none;
  } else {
    summary = wording.some(bindingCount(total), total);
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
      {shown.length > 0 && (
        // Focusable so that a keyboard can scroll a long list.
        <ul
          aria-label={wording.listLabel}
          tabIndex={0}
          className="grid max-h-48 grid-cols-1 gap-1 overflow-y-auto rounded border border-slate-200 bg-white p-2 focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {shown.map((item) => (
            <li key={item.key} className="break-words">
              {item.content}
            </li>
          ))}
        </ul>
      )}
      {more > 0 && <p>…and {more} more, not listed here.</p>}
      {wording.after !== undefined && !(bindings.isPending && !failure) && (
        <p>{wording.after}</p>
      )}
    </>
  );
}
