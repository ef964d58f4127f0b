import { useCallback, useDeferredValue, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { FieldDescription, FieldLabel } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select } from '@/components/ui/select.tsx';
import type { OrgPoolSource } from '../api/org-pools.ts';
import { useOrgFederation } from '../api/use-org-federation.ts';
import { useOrgPools } from '../api/use-org-pools.ts';
import { parseOrgSearch, toSearchParams, type OrgSearch } from '../schemas.ts';
import {
  parseTerms,
  SEARCH_KIND_LABELS,
  SEARCH_KINDS,
  searchPools,
  type IndexedEntry,
  type SearchKind,
  type SearchSort,
} from '../search-index.ts';
import {
  FederationErrors,
  FederationProgress,
} from './federation-progress.tsx';
import { ProviderErrors, SearchProgress } from './search-progress.tsx';
import { SearchResults } from './search-results.tsx';

const ALL_PARENTS = 'all';
const ALL_KINDS = 'all';

// What the count line calls the entries: the kind chosen, "pools" while
// only identity pools are in scope, "results" across kinds.
function countNoun(
  kind: SearchKind | undefined,
  entries: readonly IndexedEntry[],
): { one: string; many: string } {
  if (kind) {
    const { many } = SEARCH_KIND_LABELS[kind];
    return { one: many.replace(/s$/, ''), many };
  }
  return entries.every((entry) => entry.kind === 'identity-pool')
    ? { one: 'pool', many: 'pools' }
    : { one: 'result', many: 'results' };
}

function counted(count: number, noun: { one: string; many: string }) {
  return `${count} ${count === 1 ? noun.one : noun.many}`;
}

/**
 * Every identity pool of every provider, and, when the source brings them,
 * every SSO group mapping and every certificate pool of every authority:
 * searched in the browser by name, id, identity (claim or external
 * identifier) or filter text, narrowed to a kind or a parent and sorted,
 * each result labelled with its kind. The search lives in the URL, so it
 * can be shared and survives a reload. Every list is walked in one queue
 * paced by the API budget.
 */
export function OrgSearch({ source }: { source: OrgPoolSource }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = parseOrgSearch(searchParams);
  const org = useOrgPools(source);
  const federation = useOrgFederation(source);
  const inputId = useId();
  const hintId = useId();
  const parentSelectId = useId();
  const kindSelectId = useId();

  const parents = useMemo(
    () => [
      ...(org.providers ?? []).map((provider) => ({
        value: provider.id,
        label: provider.display_name,
      })),
      ...(federation.authorities ?? []).map((authority) => ({
        value: authority.id,
        label: `${authority.display_name} (certificate authority)`,
      })),
    ],
    [org.providers, federation.authorities],
  );
  const parentId =
    search.provider &&
    (org.providers === undefined ||
      parents.some((parent) => parent.value === search.provider))
      ? search.provider
      : undefined;
  // The box owns what is typed; the URL follows. The URL catches up one
  // navigation at a time, so reading the box's value back from it would
  // drop keystrokes typed in between. A URL change we did not make (Back,
  // a link) replaces the text.
  const [text, setText] = useState(search.q);
  // What the box sent to the URL that has not come back yet: state, not a
  // ref, so that a render React throws away does not drop any of it.
  const [pushed, setPushed] = useState<string[]>([]);
  const [urlText, setUrlText] = useState(search.q);
  if (search.q !== urlText) {
    setUrlText(search.q);
    const ours = pushed.indexOf(search.q);
    if (ours === -1) setText(search.q);
    else setPushed(pushed.slice(ours + 1));
  }
  // Typing stays responsive over thousands of objects: the input shows each
  // keystroke at once, the rows follow when React has time.
  const query = useDeferredValue(text);
  const shownParentId = useDeferredValue(parentId);
  const shownKind = useDeferredValue(search.kind);
  const sort = useDeferredValue(search.sort);
  const isUpdating =
    query !== text ||
    shownParentId !== parentId ||
    shownKind !== search.kind ||
    sort !== search.sort;
  const terms = useMemo(() => parseTerms(query), [query]);
  const entries = useMemo(
    () => [...org.entries, ...federation.entries],
    [org.entries, federation.entries],
  );
  const results = useMemo(
    () =>
      searchPools(entries, {
        query,
        parentId: shownParentId,
        kind: shownKind,
        sort,
      }),
    [entries, query, shownParentId, shownKind, sort],
  );

  function update(changes: Partial<OrgSearch>, { replace = false } = {}) {
    setSearchParams(toSearchParams({ ...search, ...changes }), { replace });
  }
  // Stable while the walk's progress re-renders the page, so the
  // memoised rows are left alone.
  const setSort = useCallback(
    (sort: SearchSort) =>
      setSearchParams((current) =>
        toSearchParams({ ...parseOrgSearch(current), sort }),
      ),
    [setSearchParams],
  );
  const { stop: stopPools, resume: resumePools, refresh: refreshPools } = org;
  const {
    stop: stopOthers,
    resume: resumeOthers,
    refresh: refreshOthers,
  } = federation;
  const stop = useCallback(() => {
    stopPools();
    stopOthers();
  }, [stopPools, stopOthers]);
  const resume = useCallback(() => {
    resumePools();
    resumeOthers();
  }, [resumePools, resumeOthers]);
  const refresh = useCallback(() => {
    refreshPools();
    refreshOthers();
  }, [refreshPools, refreshOthers]);

  if (org.providersQuery.isError && org.providers === undefined) {
    return (
      <ApiErrorView
        error={org.providersQuery.error}
        onRetry={() => void org.providersQuery.refetch()}
      />
    );
  }

  const scope = entries.filter(
    (entry) =>
      (!shownParentId || entry.parentId === shownParentId) &&
      (!shownKind || entry.kind === shownKind),
  );
  const inScope = scope.length;
  const isFiltered =
    terms.length > 0 || shownParentId !== undefined || shownKind !== undefined;
  const isFetching = org.isFetching || federation.isFetching;
  const noun = countNoun(shownKind, scope);
  const hasOthers = federation.hasMappings || federation.hasCertificates;
  const isEmpty =
    org.providers?.length === 0 &&
    (!hasOthers || (!federation.isFetching && entries.length === 0));

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start gap-3">
        <div className="grid min-w-0 flex-1 basis-80 gap-1.5">
          <FieldLabel htmlFor={inputId}>Search pools</FieldLabel>
          <Input
            id={inputId}
            type="search"
            value={text}
            autoComplete="off"
            spellCheck={false}
            placeholder="Name, id, identity claim or filter text"
            aria-describedby={hintId}
            // The `/` shortcut focuses it (lib/shortcuts.ts).
            data-shortcut-search=""
            aria-keyshortcuts="/"
            onChange={(event) => {
              const next = event.target.value;
              setText(next);
              setPushed((current) => [...current, next]);
              update({ q: next }, { replace: true });
            }}
          />
          <FieldDescription id={hintId}>
            Every word must appear, in any of those fields; case does not
            matter.
          </FieldDescription>
        </div>
        {hasOthers && (
          <div className="grid gap-1.5">
            <FieldLabel htmlFor={kindSelectId}>Kind</FieldLabel>
            <Select
              id={kindSelectId}
              className="min-w-40"
              value={search.kind ?? ALL_KINDS}
              onValueChange={(value) =>
                update({
                  kind: SEARCH_KINDS.find((kind) => kind === value),
                })
              }
              options={[
                { value: ALL_KINDS, label: 'All kinds' },
                ...SEARCH_KINDS.filter(
                  (kind) =>
                    kind === 'identity-pool' ||
                    (kind === 'group-mapping'
                      ? federation.hasMappings
                      : federation.hasCertificates),
                ).map((kind) => ({
                  value: kind,
                  label: `${SEARCH_KIND_LABELS[kind].one}s`,
                })),
              ]}
            />
          </div>
        )}
        <div className="grid gap-1.5">
          <FieldLabel htmlFor={parentSelectId}>
            {federation.hasCertificates ? 'Provider or authority' : 'Provider'}
          </FieldLabel>
          <Select
            id={parentSelectId}
            className="min-w-48"
            value={parentId ?? ALL_PARENTS}
            onValueChange={(value) =>
              update({
                provider: value === ALL_PARENTS ? undefined : value,
              })
            }
            options={[
              {
                value: ALL_PARENTS,
                label: federation.hasCertificates ? 'All' : 'All providers',
              },
              ...parents,
            ]}
          />
        </div>
      </div>

      {org.providersQuery.isFetching && org.providersQuery.failureReason && (
        <RetryNotice error={org.providersQuery.failureReason} />
      )}
      {isEmpty ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
          {hasOthers
            ? 'This organisation has no identity providers, group mappings or certificate pools yet, so there is nothing to search.'
            : 'This organisation has no identity providers yet, so there are no pools to search.'}
        </p>
      ) : (
        <>
          <SearchProgress
            byProvider={org.byProvider}
            hasProviders={org.providers !== undefined}
            isListingProviders={
              org.providers === undefined && org.providersQuery.isFetching
            }
            isStopped={org.isStopped || federation.isStopped}
            onStop={stop}
            onResume={resume}
            onRefresh={refresh}
            others={{
              isLoading: federation.isFetching,
              isMissing:
                (federation.hasCertificates &&
                  federation.authorities === undefined) ||
                federation.walks.some(
                  (walk) => walk.count === undefined && !walk.isError,
                ),
            }}
          />
          {hasOthers && (
            <FederationProgress
              walks={federation.walks}
              isListingAuthorities={
                federation.hasCertificates &&
                federation.authorities === undefined &&
                federation.authoritiesQuery.isFetching
              }
            />
          )}
          <ProviderErrors byProvider={org.byProvider} />
          <FederationErrors
            walks={federation.walks}
            authoritiesError={
              federation.hasCertificates &&
              federation.authoritiesQuery.isError &&
              !federation.authoritiesQuery.isFetching
                ? federation.authoritiesQuery.error
                : undefined
            }
            onRetryAuthorities={() =>
              void federation.authoritiesQuery.refetch()
            }
          />
          <p role="status" className="text-sm text-slate-700">
            {org.providers === undefined
              ? ''
              : isFiltered
                ? `${results.length} of ${counted(inScope, noun)} ${results.length === 1 ? 'matches' : 'match'}.`
                : `${counted(results.length, noun)}.`}
            {isFetching && org.providers !== undefined
              ? ' More are still loading.'
              : ''}
          </p>
          {results.length > 0 ? (
            <SearchResults
              key={`${query}\n${shownParentId}\n${shownKind}\n${sort}`}
              results={results}
              terms={terms}
              sort={search.sort}
              onSort={setSort}
              isUpdating={isUpdating}
            />
          ) : (
            org.providers !== undefined &&
            !isFetching && (
              <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                {isFiltered
                  ? `No ${noun.one === 'result' ? 'object' : noun.one} matches this search.`
                  : hasOthers
                    ? 'Nothing to search yet.'
                    : 'No provider has any pools yet.'}
              </p>
            )
          )}
        </>
      )}
    </div>
  );
}
