import { useCallback } from 'react';
import type {
  ExportPool,
  ExportProvider,
  ExportSubject,
} from '#contract/export.ts';
import { Button } from '@/components/ui/button.tsx';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogTrigger,
} from '@/components/ui/dialog.tsx';
import type { RunWalk } from '@/hooks/use-paced-walk.ts';
import { WalkedExport } from './walked-export.tsx';

/** Every pool of the provider (the pools feature's paced walk); rejects on abort. */
export type LoadAllPools = RunWalk<ExportPool[]>;

function ProviderExport({
  provider,
  loadPools,
}: {
  provider: ExportProvider;
  loadPools: LoadAllPools;
}) {
  const subjectOf = useCallback(
    (pools: ExportPool[]): ExportSubject => ({
      kind: 'provider',
      provider,
      pools,
    }),
    [provider],
  );
  return (
    <WalkedExport
      walk={loadPools}
      ownerName={provider.display_name}
      noun={{ one: 'pool', many: 'pools' }}
      subjectOf={subjectOf}
    />
  );
}

/**
 * "Export": the provider and every one of its pools (fetched page by page
 * with progress, paced by the API budget) as Terraform, CLI commands, curl
 * calls or JSON.
 */
export function ExportProviderDialog({
  provider,
  loadPools,
}: {
  provider: ExportProvider;
  loadPools: LoadAllPools;
}) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary">Export</Button>
      </DialogTrigger>
      <DialogContent
        title={`Export ${provider.display_name}`}
        description={
          <p>
            This identity provider and all its pools as code: to keep them under
            version control, or to create them elsewhere. The pools’ role
            bindings are not included: each pool’s own export has them.
          </p>
        }
        className="max-h-[calc(100vh-2rem)] max-w-4xl overflow-y-auto [overflow-wrap:anywhere]"
      >
        <ProviderExport provider={provider} loadPools={loadPools} />
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
