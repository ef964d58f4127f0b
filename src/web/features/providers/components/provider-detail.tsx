import type { ReactNode } from 'react';
import { CopyButton } from '@/components/ui/copy-button.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import type { Provider } from '../api/providers.ts';

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-b border-slate-100 py-3 sm:grid-cols-[12rem_1fr]">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="min-w-0 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

function Copyable({ value, label }: { value: string; label: string }) {
  return (
    <span className="flex items-center gap-2">
      <code className="font-mono break-all">{value}</code>
      <CopyButton value={value} label={label} />
    </span>
  );
}

/** Every field of a provider, read-only ones included (its keys are listed apart). */
export function ProviderDetail({ provider }: { provider: Provider }) {
  return (
    <dl className="rounded-lg border border-slate-200 bg-white px-4">
      <Row term="Display name">{provider.display_name}</Row>
      <Row term="ID">
        <Copyable value={provider.id} label="provider id" />
      </Row>
      <Row term="Description">
        {provider.description ? (
          provider.description
        ) : (
          <span className="text-slate-500 italic">No description</span>
        )}
      </Row>
      <Row term="Issuer">
        <Copyable value={provider.issuer} label="issuer" />
      </Row>
      <Row term="JWKS URL">
        <Copyable value={provider.jwks_uri} label="JWKS URL" />
      </Row>
      <Row term="Identity claim">
        {provider.identity_claim ? (
          <code className="font-mono">{provider.identity_claim}</code>
        ) : (
          <span className="text-slate-500 italic">
            Not reported (Confluent uses claims.sub)
          </span>
        )}
      </Row>
      <Row term="State">{provider.state}</Row>
      <Row term="Resource name">
        <code className="font-mono text-xs break-all">
          {provider.metadata?.resource_name ?? '—'}
        </code>
      </Row>
      <Row term="Created">
        <RelativeTime value={provider.metadata?.created_at} />
      </Row>
      <Row term="Last updated">
        <RelativeTime value={provider.metadata?.updated_at} />
      </Row>
    </dl>
  );
}

export function ProviderDetailSkeleton() {
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
