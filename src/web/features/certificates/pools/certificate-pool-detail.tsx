import { CopyButton } from '@/components/ui/copy-button.tsx';
import {
  DetailList,
  DetailListSkeleton,
  metadataItems,
  nameItems,
} from '@/components/ui/detail-list.tsx';
import type { CertificatePool } from '../api/pools.ts';
import { FilterBreadthBadge } from './filter-breadth.tsx';

/** Every field of a certificate pool, read-only ones included. */
export function CertificatePoolDetail({ pool }: { pool: CertificatePool }) {
  const principal = `User:${pool.principal}`;
  return (
    <DetailList
      items={[
        ...nameItems(pool, 'pool id'),
        {
          term: 'External identifier',
          description: (
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono">{pool.external_identifier}</code>
              <span className="text-xs text-slate-600">
                The certificate field that names the client in audit logs.
              </span>
            </span>
          ),
        },
        {
          term: 'Filter',
          description: (
            <>
              {pool.filter.trim() !== '' && (
                <pre className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap">
                  {pool.filter}
                </pre>
              )}
              <FilterBreadthBadge filter={pool.filter} />
            </>
          ),
        },
        {
          term: 'Principal',
          description: (
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono">{principal}</code>
              <CopyButton value={principal} label="principal" />
              <span className="text-xs text-slate-600">
                What role bindings name to give this pool access.
              </span>
            </span>
          ),
        },
        { term: 'State', description: pool.state },
        ...metadataItems(pool.metadata),
      ]}
    />
  );
}

export function CertificatePoolDetailSkeleton() {
  return <DetailListSkeleton rows={10} />;
}
