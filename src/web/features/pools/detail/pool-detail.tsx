import { CopyButton } from '@/components/ui/copy-button.tsx';
import {
  DetailList,
  DetailListSkeleton,
  metadataItems,
  nameItems,
} from '@/components/ui/detail-list.tsx';
import type { Pool } from '../api/pools.ts';

/** Every field of a pool, read-only ones included. */
export function PoolDetail({ pool }: { pool: Pool }) {
  return (
    <DetailList
      items={[
        ...nameItems(pool, 'pool id'),
        {
          term: 'Identity claim',
          description: <code className="font-mono">{pool.identity_claim}</code>,
        },
        {
          term: 'Filter',
          description: (
            <pre className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap">
              {pool.filter}
            </pre>
          ),
        },
        {
          term: 'Principal',
          description: (
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono">{pool.principal}</code>
              <CopyButton value={pool.principal} label="principal" />
              <span className="text-xs text-slate-600">
                Use it as <code>User:{pool.principal}</code> in role bindings.
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

export function PoolDetailSkeleton() {
  return <DetailListSkeleton rows={10} />;
}
