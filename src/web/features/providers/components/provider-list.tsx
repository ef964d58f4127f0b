import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { StillWaiting } from '@/components/ui/still-waiting.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { paths } from '@/config/paths.ts';
import { providerQueries } from '../api/queries.ts';

const PAGE_SIZE = 100;

/** Every identity provider of the organisation, each linking to its pools. */
export function ProviderList({
  renderPoolCount,
}: {
  renderPoolCount: (providerId: string) => ReactNode;
}) {
  const query = useQuery(providerQueries.list({ pageSize: PAGE_SIZE }));
  if (query.isError && query.data === undefined) {
    return (
      <ApiErrorView error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  // A page without `data` (the service may omit it when null) is empty.
  const providers = query.data && (query.data.data ?? []);
  return (
    <>
      {query.isFetching && query.failureReason && (
        <RetryNotice error={query.failureReason} className="mb-3" />
      )}
      {query.isPending && !query.failureReason && (
        <StillWaiting className="mb-3 text-sm text-slate-700" />
      )}
      <Table aria-busy={query.isPending}>
        <caption className="sr-only">Identity providers</caption>
        <thead>
          <tr>
            <Th>Display name</Th>
            <Th>Issuer</Th>
            <Th>ID</Th>
            <Th className="text-right">Pools</Th>
          </tr>
        </thead>
        <tbody>
          {providers === undefined
            ? Array.from({ length: 4 }, (_, i) => (
                <tr key={i}>
                  {[40, 64, 16, 8].map((width, j) => (
                    <Td key={j}>
                      <Skeleton
                        className="h-5"
                        style={{ width: `${width * 4}px`, maxWidth: '100%' }}
                      />
                    </Td>
                  ))}
                </tr>
              ))
            : providers.map((provider) => (
                <tr key={provider.id}>
                  <Td>
                    <Link
                      to={paths.provider.getHref(provider.id)}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {provider.display_name}
                    </Link>
                    {provider.description && (
                      <p className="mt-0.5 text-xs text-slate-600">
                        {provider.description}
                      </p>
                    )}
                  </Td>
                  <Td className="font-mono text-xs break-all">
                    {provider.issuer}
                  </Td>
                  {/* On one line: "op-RBKg" broke after its hyphen. */}
                  <Td className="font-mono text-xs whitespace-nowrap">
                    {provider.id}
                  </Td>
                  <Td className="text-right tabular-nums">
                    {renderPoolCount(provider.id)}
                  </Td>
                </tr>
              ))}
          {providers?.length === 0 && (
            <tr>
              <Td colSpan={4} isMessage>
                This organisation has no identity providers yet.
              </Td>
            </tr>
          )}
        </tbody>
      </Table>
    </>
  );
}
