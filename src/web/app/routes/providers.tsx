import { Breadcrumbs } from '@/components/ui/breadcrumbs.tsx';
import { useId } from 'react';
import { Link } from 'react-router';
import { Button, buttonVariants } from '@/components/ui/button.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import { paths } from '@/config/paths.ts';
import { ProviderList } from '@/features/providers/components/provider-list.tsx';
import { useWriteAccess } from '@/features/session/api/use-session.ts';
import { PoolCount } from '@/features/pools/list/pool-count.tsx';
import { useDocumentTitle } from '@/hooks/use-document-title.ts';

export function ProvidersRoute() {
  useDocumentTitle('Identity providers');
  const access = useWriteAccess();
  const reasonId = useId();
  return (
    <>
      <Breadcrumbs items={[{ label: 'Identity providers' }]} />
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="mb-1 text-2xl font-semibold">Identity providers</h1>
          <p className="text-slate-700">
            Pick a provider to see and manage the identity pools that decide
            which of its tokens may act in your organisation.
          </p>
        </div>
        {access.canWrite ? (
          <Link to={paths.providerNew.getHref()} className={buttonVariants()}>
            New provider
          </Link>
        ) : (
          <div className="grid max-w-sm justify-items-end gap-1 text-right">
            <Button disabled aria-describedby={reasonId}>
              New provider
            </Button>
            <DisabledReason id={reasonId}>{access.reason}</DisabledReason>
          </div>
        )}
      </div>
      <ProviderList
        renderPoolCount={(providerId) => <PoolCount providerId={providerId} />}
      />
    </>
  );
}
