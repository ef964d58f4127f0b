import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { WalkProgressView } from '@/components/ui/walk-progress.tsx';
import { getErrorMessage } from '@/lib/errors.ts';
import type { ProviderPools } from '../api/use-org-pools.ts';

/** Pools and providers loaded so far; `total` only once every provider has said how many it has. */
export function countLoaded(byProvider: readonly ProviderPools[]) {
  let loaded = 0;
  let total: number | undefined = 0;
  let done = 0;
  let fraction = 0;
  for (const { pools, isFetching, progress } of byProvider) {
    if (isFetching) {
      loaded += progress?.fetched ?? 0;
      total =
        total === undefined || progress?.total === undefined
          ? undefined
          : total + progress.total;
      if (progress?.total) fraction += progress.fetched / progress.total;
    } else if (pools) {
      loaded += pools.length;
      if (total !== undefined) total += pools.length;
      done += 1;
    } else {
      total = undefined;
    }
  }
  return { loaded, total, done, fraction };
}

function plural(count: number, word: string) {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/**
 * How far the organisation's pools have loaded (a polite status), the
 * provider being walked and any wait, with Cancel while loading and Refresh
 * once done.
 */
export function SearchProgress({
  byProvider,
  hasProviders,
  isListingProviders,
  isStopped,
  onStop,
  onResume,
  onRefresh,
  others,
}: {
  byProvider: readonly ProviderPools[];
  /** The providers are known (possibly none). */
  hasProviders: boolean;
  isListingProviders: boolean;
  isStopped: boolean;
  onStop: () => void;
  onResume: () => void;
  onRefresh: () => void;
  /**
   * The search's other walks (group mappings, certificate pools), which
   * Cancel, Load the rest and Refresh here act on too.
   */
  others?: { isLoading: boolean; isMissing: boolean };
}) {
  const count = byProvider.length;
  const { loaded, total, done, fraction } = countLoaded(byProvider);
  const isLoadingPools =
    isListingProviders || byProvider.some((entry) => entry.isFetching);
  const isLoading = isLoadingPools || (others?.isLoading ?? false);
  const isMissing =
    !hasProviders ||
    byProvider.some((entry) => entry.pools === undefined && !entry.isError) ||
    (others?.isMissing ?? false);
  const walking = byProvider.filter((entry) => entry.isFetching);
  const loadedTimes = byProvider
    .filter((entry) => entry.pools !== undefined)
    .map((entry) => entry.dataUpdatedAt);
  const oldest = loadedTimes.length > 0 ? Math.min(...loadedTimes) : undefined;

  const summary = isListingProviders
    ? 'Listing identity providers…'
    : !hasProviders
      ? isStopped
        ? 'Stopped before the identity providers were listed.'
        : ''
      : isLoadingPools
        ? `Loaded ${total === undefined ? plural(loaded, 'pool') : `${loaded} of ${plural(total, 'pool')}`} from ${done} of ${plural(count, 'provider')}…`
        : isStopped && isMissing
          ? `Stopped after loading ${plural(loaded, 'pool')} from ${done} of ${plural(count, 'provider')}.`
          : done === count
            ? `Loaded all ${plural(loaded, 'pool')} from ${plural(count, 'provider')}.`
            : `Loaded ${plural(loaded, 'pool')} from ${done} of ${plural(count, 'provider')}.`;

  return (
    <div className="grid gap-2 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex flex-wrap items-center gap-3">
        {isLoadingPools && (
          <progress
            className="w-40"
            aria-label="Pools loaded"
            value={hasProviders ? done + fraction : undefined}
            max={Math.max(count, 1)}
          />
        )}
        <p role="status" className="text-sm font-medium text-slate-800">
          {summary}
        </p>
        {!isLoadingPools && oldest !== undefined && (
          <p className="text-sm text-slate-600">
            Updated <RelativeTime value={new Date(oldest).toISOString()} />
          </p>
        )}
        <div className="ml-auto flex gap-2">
          {isLoading ? (
            <Button variant="secondary" size="sm" onClick={onStop}>
              Cancel
            </Button>
          ) : (
            <>
              {isStopped && isMissing && (
                <Button variant="secondary" size="sm" onClick={onResume}>
                  Load the rest
                </Button>
              )}
              <Button variant="secondary" size="sm" onClick={onRefresh}>
                Refresh
              </Button>
            </>
          )}
        </div>
      </div>
      {walking.map(({ provider, progress }) =>
        progress === undefined ? null : (
          <WalkProgressView
            key={provider.id}
            progress={progress}
            budgetMessage="Waiting for the API budget to reset…"
          >
            {provider.display_name}:{' '}
            {progress.total === undefined
              ? `${plural(progress.fetched, 'pool')} so far`
              : `${progress.fetched} of ${plural(progress.total, 'pool')}`}
          </WalkProgressView>
        ),
      )}
    </div>
  );
}

/** The providers whose pools could not be loaded, each with its own Retry. */
export function ProviderErrors({
  byProvider,
}: {
  byProvider: readonly ProviderPools[];
}) {
  const failed = byProvider.filter(
    (entry) => entry.isError && !entry.isFetching,
  );
  if (failed.length === 0) return null;
  return (
    <Alert>
      <AlertTitle>
        {failed.length === 1
          ? 'One provider could not be searched'
          : `${failed.length} providers could not be searched`}
      </AlertTitle>
      <ul className="grid gap-2">
        {failed.map(({ provider, error, pools, retry }) => (
          <li
            key={provider.id}
            className="flex flex-wrap items-center justify-between gap-2"
          >
            <span>
              <strong>{provider.display_name}</strong>: {getErrorMessage(error)}
              {pools !== undefined &&
                ' Its pools below are from the last successful load.'}
            </span>
            <Button
              variant="secondary"
              size="sm"
              aria-label={`Retry ${provider.display_name}`}
              onClick={retry}
            >
              Retry
            </Button>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
