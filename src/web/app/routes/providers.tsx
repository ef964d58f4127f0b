import { ProviderList } from '@/features/providers/components/provider-list.tsx';
import { PoolCount } from '@/features/pools/components/pool-count.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function ProvidersRoute() {
  useDocumentTitle('Identity providers');
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Identity providers</h1>
      <p className="mb-4 text-slate-700">
        Pick a provider to see and manage the identity pools that decide which
        of its tokens may act in your organisation.
      </p>
      <ProviderList
        renderPoolCount={(providerId) => <PoolCount providerId={providerId} />}
      />
    </>
  );
}
