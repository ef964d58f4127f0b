import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { WalkProgressView } from '@/components/ui/walk-progress.tsx';
import { getErrorMessage } from '@/lib/errors.ts';
import type { FederationWalk } from '../api/use-org-federation.ts';

function counted(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * How far the group mappings and the certificate authorities' pools have
 * loaded (a polite status), with each walk running and any wait. The
 * identity pools have their own line (SearchProgress), whose Cancel and
 * Refresh act on these walks too.
 */
export function FederationProgress({
  walks,
  isListingAuthorities,
}: {
  walks: readonly FederationWalk[];
  isListingAuthorities: boolean;
}) {
  const mappings = walks.find((walk) => walk.key === 'group-mappings');
  const authorities = walks.filter((walk) => walk !== mappings);
  const poolsLoaded = authorities.reduce(
    (sum, walk) => sum + (walk.count ?? 0),
    0,
  );
  const authoritiesDone = authorities.filter(
    (walk) => walk.count !== undefined && !walk.isFetching,
  ).length;
  const parts = [
    ...(mappings
      ? [
          mappings.count === undefined
            ? mappings.isFetching
              ? 'Loading group mappings…'
              : 'Group mappings not loaded.'
            : `${counted(mappings.count, 'group mapping', 'group mappings')}${mappings.isFetching ? ' (refreshing)' : ''}.`,
        ]
      : []),
    isListingAuthorities
      ? 'Listing certificate authorities…'
      : `${counted(poolsLoaded, 'certificate pool', 'certificate pools')} from ${authoritiesDone} of ${counted(authorities.length, 'certificate authority', 'certificate authorities')}${authorities.some((walk) => walk.isFetching) ? '…' : '.'}`,
  ];
  return (
    <div className="grid gap-2 rounded-lg border border-slate-200 bg-white p-3">
      <p role="status" className="text-sm text-slate-800">
        {parts.join(' ')}
      </p>
      {walks.map(({ key, label, progress }) =>
        progress === undefined ? null : (
          <WalkProgressView
            key={key}
            progress={progress}
            budgetMessage="Waiting for the API budget to reset…"
          >
            {label}:{' '}
            {progress.total === undefined
              ? `${progress.fetched} so far`
              : `${progress.fetched} of ${progress.total}`}
          </WalkProgressView>
        ),
      )}
    </div>
  );
}

/** The lists that could not be loaded, each with its own Retry. */
export function FederationErrors({
  walks,
  authoritiesError,
  onRetryAuthorities,
}: {
  walks: readonly FederationWalk[];
  /** Set when the certificate authorities could not be listed. */
  authoritiesError: unknown;
  onRetryAuthorities: () => void;
}) {
  const failed = walks.filter((walk) => walk.isError && !walk.isFetching);
  if (failed.length === 0 && authoritiesError === undefined) return null;
  return (
    <Alert>
      <AlertTitle>
        {failed.length + (authoritiesError === undefined ? 0 : 1) === 1
          ? 'One list could not be searched'
          : 'Some lists could not be searched'}
      </AlertTitle>
      <ul className="grid gap-2">
        {authoritiesError !== undefined && (
          <li className="flex flex-wrap items-center justify-between gap-2">
            <span>
              <strong>Certificate authorities</strong>:{' '}
              {getErrorMessage(authoritiesError)}
            </span>
            <Button
              variant="secondary"
              size="sm"
              aria-label="Retry certificate authorities"
              onClick={onRetryAuthorities}
            >
              Retry
            </Button>
          </li>
        )}
        {failed.map(({ key, label, error, count, retry }) => (
          <li
            key={key}
            className="flex flex-wrap items-center justify-between gap-2"
          >
            <span>
              <strong>{label}</strong>: {getErrorMessage(error)}
              {count !== undefined &&
                ' What is shown is from the last successful load.'}
            </span>
            <Button
              variant="secondary"
              size="sm"
              aria-label={`Retry ${label}`}
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
