import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { pageTokenOf } from '#contract/page-token.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { EmptyListState } from '@/components/list/empty-list-state.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { StillWaiting } from '@/components/ui/still-waiting.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import type { CertificateAuthority } from '../api/authorities.ts';
import { authorityQueries, certificatePoolQueries } from '../api/queries.ts';
import {
  chainCertificates,
  crlSummaryOf,
  earliestExpiry,
} from './chain-facts.ts';
import { ExpiryBadge } from './expiry-badge.tsx';
import { useMinuteClock } from './use-minute-clock.ts';

/** Organisations register few authorities: one page holds them. */
const PAGE_SIZE = 100;

const COLUMNS = [
  'Display name',
  'ID',
  'Chain expires',
  'Revocation list',
  'Pools',
] as const;

function CrlCell({ authority }: { authority: CertificateAuthority }) {
  const crl = crlSummaryOf(authority);
  const required = authority.require_crl_on_client_certificate === true;
  return (
    <>
      {crl.kind === 'none' && (
        <span className="text-slate-600 italic">None</span>
      )}
      {crl.kind === 'uploaded' && 'Uploaded file'}
      {crl.kind === 'url' && (
        <span className="font-mono text-xs break-all">{crl.url}</span>
      )}
      {required && (
        <span className="mt-0.5 block text-xs text-slate-600">
          Required on client certificates
        </span>
      )}
    </>
  );
}

/** The number of pools, from a one-item page's `total_size`. */
function PoolCount({ caId }: { caId: string }) {
  const query = useQuery(certificatePoolQueries.list({ caId, pageSize: 1 }));
  if (query.isPending) return <Skeleton isInline className="h-4 w-6" />;
  if (query.isError) return <span title="Could not count">?</span>;
  const total = query.data.metadata.total_size;
  if (typeof total === 'number') return total;
  // A terse page without total_size: only "none" or "some" is known.
  return (query.data.data ?? []).length === 0 ? 0 : '1+';
}

/**
 * The organisation's certificate authorities: each with its chain's first
 * expiry (flagged when it is past or near), its revocation list and its
 * number of certificate pools.
 */
export function AuthorityList({
  pageToken,
  createDisabledReason,
  onPage,
}: {
  pageToken?: string;
  /** Set when the user may not register authorities: why. */
  createDisabledReason?: string;
  onPage: (pageToken: string | undefined) => void;
}) {
  const query = useQuery(
    authorityQueries.list({ pageSize: PAGE_SIZE, pageToken }),
  );
  const now = useMinuteClock();
  if (query.isError && query.data === undefined) {
    return (
      <ApiErrorView error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  // A page without `data` (the service may omit it when null) is empty.
  const authorities = query.data && (query.data.data ?? []);
  const nextToken = pageTokenOf(query.data?.metadata.next);

  if (authorities?.length === 0 && !pageToken) {
    return (
      <EmptyListState
        title="No certificate authorities yet"
        descriptionClassName="mx-auto max-w-xl"
        createLabel="Register a certificate authority"
        createHref={certificatePaths.create.getHref()}
        createDisabledReason={createDisabledReason}
      >
        Register the certificate authority that issues your clients’
        certificates; its certificate pools then decide which of those
        certificates may act in your organisation over mutual TLS.
      </EmptyListState>
    );
  }

  return (
    <div className="grid gap-3">
      {query.isFetching && query.failureReason && (
        <RetryNotice error={query.failureReason} />
      )}
      {query.isPending && !query.failureReason && (
        <StillWaiting className="text-sm text-slate-700" />
      )}
      <Table aria-busy={query.isPending}>
        <caption className="sr-only">Certificate authorities</caption>
        <thead>
          <tr>
            {COLUMNS.map((label) => (
              <Th
                key={label}
                className={label === 'Pools' ? 'text-right' : undefined}
              >
                {label}
              </Th>
            ))}
          </tr>
        </thead>
        <tbody>
          {authorities === undefined
            ? Array.from({ length: 3 }, (_, i) => (
                <tr key={i}>
                  {COLUMNS.map((label) => (
                    <Td key={label}>
                      <Skeleton className="h-5 w-full max-w-40" />
                    </Td>
                  ))}
                </tr>
              ))
            : authorities.map((authority) => {
                const count = chainCertificates(authority).length;
                return (
                  <tr key={authority.id}>
                    <Td>
                      <Link
                        to={certificatePaths.authority.getHref(authority.id)}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        {authority.display_name}
                      </Link>
                      {authority.description && (
                        <p className="mt-0.5 text-xs text-slate-600">
                          {authority.description}
                        </p>
                      )}
                    </Td>
                    <Td className="font-mono text-xs whitespace-nowrap">
                      {authority.id}
                    </Td>
                    <Td>
                      <ExpiryBadge
                        expiresAt={earliestExpiry(authority.expiration_dates)}
                        now={now}
                      />
                      <span className="mt-0.5 block text-xs text-slate-600">
                        {count === 1
                          ? '1 certificate'
                          : `Earliest of ${count} certificates`}
                      </span>
                    </Td>
                    <Td>
                      <CrlCell authority={authority} />
                    </Td>
                    <Td className="text-right tabular-nums">
                      <PoolCount caId={authority.id} />
                    </Td>
                  </tr>
                );
              })}
          {authorities?.length === 0 && (
            <tr>
              <Td colSpan={COLUMNS.length} isMessage>
                No more certificate authorities.
              </Td>
            </tr>
          )}
        </tbody>
      </Table>
      {(pageToken || nextToken) && (
        <nav aria-label="Pagination" className="flex justify-end gap-2">
          <Button
            variant="secondary"
            size="sm"
            disabled={!pageToken}
            onClick={() => onPage(undefined)}
          >
            First page
          </Button>
          <Button
            variant="secondary"
            size="sm"
            disabled={!nextToken}
            onClick={() => onPage(nextToken)}
          >
            Next page
          </Button>
        </nav>
      )}
    </div>
  );
}
