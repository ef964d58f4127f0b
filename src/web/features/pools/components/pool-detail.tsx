import type { ReactNode } from 'react';
import { CopyButton } from '@/components/ui/copy-button.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import type { Pool } from '../api/pools.ts';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-b border-slate-100 py-3 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="min-w-0 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** Every field of a pool, read-only ones included. */
export function PoolDetail({ pool }: { pool: Pool }) {
  return (
    <dl className="rounded-lg border border-slate-200 bg-white px-4">
      <Row term="Display name">{pool.display_name}</Row>
      <Row term="ID">
        <span className="flex items-center gap-2">
          <code className="font-mono">{pool.id}</code>
          <CopyButton value={pool.id} label="pool id" />
        </span>
      </Row>
      <Row term="Description">
        {pool.description ? (
          pool.description
        ) : (
          <span className="text-slate-500 italic">No description</span>
        )}
      </Row>
      <Row term="Identity claim">
        <code className="font-mono">{pool.identity_claim}</code>
      </Row>
      <Row term="Filter">
        <pre className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs break-all whitespace-pre-wrap">
          {pool.filter}
        </pre>
      </Row>
      <Row term="Principal">
        <span className="flex flex-wrap items-center gap-2">
          <code className="font-mono">{pool.principal}</code>
          <CopyButton value={pool.principal} label="principal" />
          <span className="text-xs text-slate-600">
            Use it as <code>User:{pool.principal}</code> in role bindings.
          </span>
        </span>
      </Row>
      <Row term="State">{pool.state}</Row>
      <Row term="Resource name">
        <code className="font-mono text-xs break-all">
          {pool.metadata?.resource_name ?? '—'}
        </code>
      </Row>
      <Row term="Created">
        <RelativeTime value={pool.metadata?.created_at} />
      </Row>
      <Row term="Last updated">
        <RelativeTime value={pool.metadata?.updated_at} />
      </Row>
    </dl>
  );
}

export function PoolDetailSkeleton() {
  return (
    <div
      aria-busy="true"
      className="rounded-lg border border-slate-200 bg-white px-4"
    >
      {Array.from({ length: 10 }, (_, i) => (
        <div
          key={i}
          className="grid gap-1 border-b border-slate-100 py-3 sm:grid-cols-[12rem_1fr]"
        >
          <span className="block h-5 w-24 animate-pulse rounded bg-slate-200" />
          <span className="block h-5 w-64 max-w-full animate-pulse rounded bg-slate-200" />
        </div>
      ))}
    </div>
  );
}
