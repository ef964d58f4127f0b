import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { compileFilter } from '#filter/evaluate.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Alert } from '@/components/ui/alert.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { WalkProgressView } from '@/components/ui/walk-progress.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import { allGroupMappingsQuery } from '../api/all-group-mappings.ts';
import type { GroupMapping } from '../api/group-mappings.ts';
import { GroupListField } from '../tester/group-list-field.tsx';
import { parseGroupList } from '../tester/group-list.ts';

/** What one list of groups does with every mapping. */
export type GroupReach = {
  /** The mappings whose filter is true for these groups. */
  matched: GroupMapping[];
  /** Mappings whose filter could not be evaluated (not a valid filter here). */
  unreadable: { mapping: GroupMapping; message: string }[];
  /** How many mappings were tried. */
  tried: number;
};

/** Every mapping's filter against one list of groups, in the browser. */
export function reachOf(
  mappings: readonly GroupMapping[],
  groups: readonly string[],
): GroupReach {
  const input = { groups: [...groups] };
  const matched: GroupMapping[] = [];
  const unreadable: GroupReach['unreadable'] = [];
  for (const mapping of mappings) {
    const evaluation = compileFilter(mapping.filter, 'group-mapping')(input);
    if (!evaluation.ok) {
      unreadable.push({
        mapping,
        message:
          evaluation.problems[0]?.message.replace(/`/g, '') ??
          'The filter is not valid',
      });
    } else if (evaluation.matches) {
      matched.push(mapping);
    }
  }
  return { matched, unreadable, tried: mappings.length };
}

/**
 * Which group mappings does a list of SSO groups reach? Every mapping is
 * read (page after page, within the API budget) and each filter evaluated
 * in the browser against the pasted groups; `renderAccess` (composed by the
 * route) says what the matched mappings' role bindings then give. The
 * groups stay in this page's memory: not in the URL, not sent.
 */
export function GroupMappingReach({
  renderAccess,
}: {
  renderAccess?: (matched: readonly GroupMapping[]) => ReactNode;
}) {
  const [input, setInput] = useState('');
  const [walk, setWalk] = useState<WalkProgress>();
  const resultsId = useId();
  const every = useQuery(allGroupMappingsQuery(setWalk));
  const reading = useMemo(() => parseGroupList(input), [input]);
  const groups = reading?.ok ? reading.groups : undefined;
  const reach = useMemo(
    () => (every.data && groups ? reachOf(every.data, groups) : undefined),
    [every.data, groups],
  );
  const isInvalid = reading !== undefined && !reading.ok;

  return (
    <div className="grid gap-6">
      <div className="grid max-w-2xl gap-1.5">
        <GroupListField
          label="SSO groups of a user"
          value={input}
          onChange={setInput}
          reading={reading}
          rows={5}
        />
      </div>

      {every.isError && every.data === undefined && (
        <ApiErrorView
          error={every.error}
          onRetry={() => void every.refetch()}
        />
      )}
      {every.isPending && (
        <div role="status" className="grid gap-2">
          {walk ? (
            <WalkProgressView progress={walk} noun="group mappings" hasBar />
          ) : (
            <p className="text-sm text-slate-700">
              Reading the group mappings…
            </p>
          )}
        </div>
      )}

      {reach && (
        <section aria-labelledby={resultsId} className="grid gap-3">
          <h2 id={resultsId} className="text-lg font-semibold">
            {reach.matched.length === 0
              ? 'No group mapping applies'
              : `${reach.matched.length} of ${reach.tried} group mappings apply`}
          </h2>
          <p role="status" className="text-sm text-slate-700">
            {reach.matched.length === 0
              ? `None of the organization’s ${reach.tried} group mappings has a filter that is true for these groups.`
              : `Every one of these applies at once: their role bindings add up.`}
          </p>
          {reach.matched.length > 0 && (
            <ul aria-label="Group mappings that apply" className="grid gap-2">
              {reach.matched.map((mapping) => (
                <li
                  key={mapping.id}
                  className="grid gap-1 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm"
                >
                  <p>
                    <Link
                      to={groupMappingPaths.detail.getHref(mapping.id)}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {mapping.display_name}
                    </Link>{' '}
                    <span className="font-mono text-xs text-slate-600">
                      {mapping.id}
                    </span>
                  </p>
                  <code className="font-mono text-xs break-all whitespace-pre-wrap text-slate-800">
                    {mapping.filter}
                  </code>
                </li>
              ))}
            </ul>
          )}
          {reach.unreadable.length > 0 && (
            <Alert tone="warning" role="status">
              <p className="font-medium">
                {reach.unreadable.length === 1
                  ? 'One group mapping’s filter could not be evaluated here:'
                  : `${reach.unreadable.length} group mappings’ filters could not be evaluated here:`}
              </p>
              <ul className="mt-1 ml-4 list-disc">
                {reach.unreadable.map(({ mapping, message }) => (
                  <li key={mapping.id}>
                    <Link
                      to={groupMappingPaths.detail.getHref(mapping.id)}
                      className="font-medium underline"
                    >
                      {mapping.display_name}
                    </Link>
                    : {message}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          {renderAccess?.(reach.matched)}
        </section>
      )}
      {every.data && !reach && !isInvalid && (
        <p className="text-sm text-slate-700">
          {every.data.length === 1
            ? 'The organization has 1 group mapping.'
            : `The organization has ${every.data.length} group mappings.`}{' '}
          Enter a user’s groups to see which apply.
        </p>
      )}
      {every.isPending && reading?.ok && <Skeleton className="h-24 w-full" />}
    </div>
  );
}
