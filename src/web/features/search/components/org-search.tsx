import { useCallback, useDeferredValue, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { FieldDescription, FieldLabel } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Select } from '@/components/ui/select.tsx';
import type { OrgPoolSource } from '../api/org-pools.ts';
import { useOrgPools } from '../api/use-org-pools.ts';
import { parseOrgSearch, toSearchParams, type OrgSearch } from '../schemas.ts';
import { parseTerms, searchPools, type SearchSort } from '../search-index.ts';
import { ProviderErrors, SearchProgress } from './search-progress.tsx';
import { SearchResults } from './search-results.tsx';

const ALL_PROVIDERS = 'all';

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * Every pool of every provider, searched in the browser by name, id,
 * identity claim or filter text, narrowed to a provider and sorted; the
 * search lives in the URL, so it can be shared and survives a reload.
 */
export function OrgSearch({ source }: { source: OrgPoolSource }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const search = parseOrgSearch(searchParams);
  const org = useOrgPools(source);
  const inputId = useId();
  const hintId = useId();
  const providerSelectId = useId();

  const providerId =
    search.provider &&
    (org.providers === undefined ||
      org.providers.some((provider) => provider.id === search.provider))
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
  // Typing stays responsive over thousands of pools: the input shows each
  // keystroke at once, the rows follow when React has time.
  const query = useDeferredValue(text);
  const shownProviderId = useDeferredValue(providerId);
  const sort = useDeferredValue(search.sort);
  const isUpdating =
    query !== text || shownProviderId !== providerId || sort !== search.sort;
  const terms = useMemo(() => parseTerms(query), [query]);
  const results = useMemo(
    () =>
      searchPools(org.entries, { query, providerId: shownProviderId, sort }),
    [org.entries, query, shownProviderId, sort],
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

  if (org.providersQuery.isError && org.providers === undefined) {
    return (
      <ApiErrorView
        error={org.providersQuery.error}
        onRetry={() => void org.providersQuery.refetch()}
      />
    );
  }

  const providerPools = shownProviderId
    ? org.entries.filter((entry) => entry.providerId === shownProviderId).length
    : org.entries.length;
  const isFiltered = terms.length > 0 || shownProviderId !== undefined;

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
        <div className="grid gap-1.5">
          <FieldLabel htmlFor={providerSelectId}>Provider</FieldLabel>
          <Select
            id={providerSelectId}
            className="min-w-48"
            value={providerId ?? ALL_PROVIDERS}
            onValueChange={(value) =>
              update({
                provider: value === ALL_PROVIDERS ? undefined : value,
              })
            }
            options={[
              { value: ALL_PROVIDERS, label: 'All providers' },
              ...(org.providers ?? []).map((provider) => ({
                value: provider.id,
                label: provider.display_name,
              })),
            ]}
          />
        </div>
      </div>

      {org.providersQuery.isFetching && org.providersQuery.failureReason && (
        <RetryNotice error={org.providersQuery.failureReason} />
      )}
      {org.providers?.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
          This organisation has no identity providers yet, so there are no pools
          to search.
        </p>
      ) : (
        <>
          <SearchProgress
            byProvider={org.byProvider}
            hasProviders={org.providers !== undefined}
            isListingProviders={
              org.providers === undefined && org.providersQuery.isFetching
            }
            isStopped={org.isStopped}
            onStop={org.stop}
            onResume={org.resume}
            onRefresh={org.refresh}
          />
          <ProviderErrors byProvider={org.byProvider} />
          <p role="status" className="text-sm text-slate-700">
            {org.providers === undefined
              ? ''
              : isFiltered
                ? `${results.length} of ${plural(providerPools, 'pool')} ${results.length === 1 ? 'matches' : 'match'}.`
                : `${plural(results.length, 'pool')}.`}
            {org.isFetching && org.providers !== undefined
              ? ' More are still loading.'
              : ''}
          </p>
          {results.length > 0 ? (
            <SearchResults
              key={`${query}\n${shownProviderId}\n${sort}`}
              results={results}
              terms={terms}
              sort={search.sort}
              onSort={setSort}
              isUpdating={isUpdating}
            />
          ) : (
            org.providers !== undefined &&
            !org.isFetching && (
              <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">
                {isFiltered
                  ? 'No pool matches this search.'
                  : 'No provider has any pools yet.'}
              </p>
            )
          )}
        </>
      )}
    </div>
  );
}
