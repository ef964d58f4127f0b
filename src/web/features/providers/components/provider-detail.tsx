import {
  CopyableCode,
  DetailList,
  DetailListSkeleton,
  metadataItems,
  nameItems,
} from '@/components/ui/detail-list.tsx';
import type { Provider } from '../api/providers.ts';

/** Every field of a provider, read-only ones included (its keys are listed apart). */
export function ProviderDetail({ provider }: { provider: Provider }) {
  return (
    <DetailList
      items={[
        ...nameItems(provider, 'provider id'),
        {
          term: 'Issuer',
          description: <CopyableCode value={provider.issuer} label="issuer" />,
        },
        {
          term: 'JWKS URL',
          description: (
            <CopyableCode value={provider.jwks_uri} label="JWKS URL" />
          ),
        },
        {
          term: 'Identity claim',
          description: provider.identity_claim && (
            <code className="font-mono">{provider.identity_claim}</code>
          ),
          empty: 'Not reported (Confluent uses claims.sub)',
        },
        { term: 'State', description: provider.state },
        ...metadataItems(provider.metadata),
      ]}
    />
  );
}

export function ProviderDetailSkeleton() {
  return <DetailListSkeleton rows={10} />;
}
