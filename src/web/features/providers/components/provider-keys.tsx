import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { paths } from '@/config/paths.ts';
import { useRefreshProviderKeys } from '../api/mutations.ts';
import type { Jwks, Provider } from '../api/providers.ts';
import { providerQueries } from '../api/queries.ts';
import { notify } from '@/lib/notify.ts';

function RefreshOutcome({ jwks, jwksUri }: { jwks: Jwks; jwksUri: string }) {
  const status = jwks.status?.jwks_status ?? jwks.spec.jwks_status;
  const when = jwks.status?.jwks_last_refresh_at;
  const isFine = status === 'REFRESHED' || status === 'OK';
  return (
    <Alert tone={isFine ? 'info' : 'warning'} className="mb-3">
      <p>
        <span className="font-semibold">Last refresh: </span>
        <code className="font-mono">{status}</code>
        {when && (
          <>
            {' '}
            (<RelativeTime value={when} />)
          </>
        )}
      </p>
      <p className="mt-1">
        {isFine
          ? 'Confluent fetched the key set; the keys below are the ones it now holds.'
          : status === 'INVALID_JWKS_URI'
            ? `Confluent says the JWKS URL ${jwksUri} is not valid. Check it in Edit.`
            : status === 'ERROR_FETCHING_JWKS'
              ? `Confluent could not fetch the key set from ${jwksUri}; it keeps using the keys below. Check that the URL is reachable from the internet.`
              : 'Confluent reported this status for the key set.'}
      </p>
    </Alert>
  );
}

/**
 * The public keys Confluent holds for a provider, and a refresh that makes
 * rotated keys take effect now rather than at the next automatic refresh.
 */
export function ProviderKeys({
  provider,
  disabledReason,
}: {
  provider: Provider;
  /** Why the signed-in role may not refresh, if it may not. */
  disabledReason?: string;
}) {
  const refresh = useRefreshProviderKeys(provider.id);
  const lastRefresh = useQuery(providerQueries.keyRefresh(provider.id));
  const reasonId = useId();
  const headingId = useId();
  const keys = provider.keys ?? [];

  return (
    <section aria-labelledby={headingId} className="mt-6">
      <div className="mb-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="text-lg font-semibold">
            Signing keys
          </h2>
          <p className="text-sm text-slate-600">
            Confluent refreshes them from the JWKS URL by itself (as the key
            set’s Cache-Control says, between every 5 minutes and every 7 days).
            Refresh after the provider rotates its keys.
          </p>
        </div>
        <div className="grid max-w-sm justify-items-end gap-1 text-right">
          <Button
            variant="secondary"
            disabled={Boolean(disabledReason)}
            pending={refresh.isPending}
            pendingLabel="Refreshing…"
            aria-describedby={disabledReason ? reasonId : undefined}
            onClick={() =>
              refresh.mutate(undefined, {
                onSuccess: (jwks) => {
                  const status = jwks.status?.jwks_status;
                  if (status === 'REFRESHED' || status === 'OK') {
                    notify.success(
                      `Refreshed the keys of ${provider.display_name}`,
                    );
                  }
                },
              })
            }
          >
            Refresh keys
          </Button>
          {disabledReason && (
            <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>
          )}
        </div>
      </div>
      {refresh.isError && (
        <div className="mb-3">
          <ApiErrorView
            error={refresh.error}
            onRetry={() => refresh.mutate()}
            backHref={paths.provider.getHref(provider.id)}
            backLabel="Back to the provider’s pools"
          />
        </div>
      )}
      {lastRefresh.data ? (
        <RefreshOutcome jwks={lastRefresh.data} jwksUri={provider.jwks_uri} />
      ) : (
        <p className="mb-3 text-sm text-slate-600">
          Last refresh status: not known. Confluent reports it only in answer to
          a refresh, so it shows here once you refresh the keys.
        </p>
      )}
      <Table>
        <caption className="sr-only">
          Signing keys of {provider.display_name}
        </caption>
        <thead>
          <tr>
            <Th>Key ID</Th>
            <Th>Algorithm</Th>
            <Th>Key type</Th>
            <Th>Use</Th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.kid}>
              <Td className="font-mono text-xs break-all">{key.kid}</Td>
              <Td>{key.alg ?? <span className="text-slate-600">—</span>}</Td>
              <Td>{key.kty}</Td>
              <Td>{key.use ?? <span className="text-slate-600">—</span>}</Td>
            </tr>
          ))}
          {keys.length === 0 && (
            <tr>
              <Td colSpan={4} isMessage>
                Confluent reports no keys for this provider.
              </Td>
            </tr>
          )}
        </tbody>
      </Table>
    </section>
  );
}
