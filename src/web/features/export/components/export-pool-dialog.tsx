import { useCallback } from 'react';
import type {
  ExportPool,
  ExportProvider,
  ExportRoleBinding,
  ExportSubject,
} from '#contract/export.ts';
import { Button } from '@/components/ui/button.tsx';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogTrigger,
} from '@/components/ui/dialog.tsx';
import { ObjectWithBindingsExport } from './object-export.tsx';

// The pool with its role bindings, read when the dialog opens.
function PoolExport({
  providerId,
  pool,
  provider,
}: {
  providerId: string;
  pool: ExportPool;
  provider?: ExportProvider;
}) {
  const subjectWith = useCallback(
    (
      roleBindings: readonly ExportRoleBinding[] | undefined,
    ): ExportSubject => ({
      kind: 'pool',
      providerId,
      pool,
      provider,
      roleBindings,
    }),
    [providerId, pool, provider],
  );
  return (
    <ObjectWithBindingsExport
      objectId={pool.id}
      name={pool.display_name}
      noun="pool"
      subjectWith={subjectWith}
    />
  );
}

/**
 * "Export": the pool and the role bindings it holds (fetched page by page
 * with progress, paced by the API budget) as Terraform, CLI commands, curl
 * calls or JSON.
 */
export function ExportPoolDialog({
  providerId,
  pool,
  provider,
}: {
  providerId: string;
  pool: ExportPool;
  provider?: ExportProvider;
}) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary">Export</Button>
      </DialogTrigger>
      <DialogContent
        title={`Export ${pool.display_name}`}
        description={
          <p>
            This pool and what it may do (its role bindings) as code, from what
            Lifeguard loaded: to keep them under version control, or to create
            them elsewhere.
          </p>
        }
        className="max-h-[calc(100vh-2rem)] max-w-4xl overflow-y-auto [overflow-wrap:anywhere]"
      >
        <PoolExport providerId={providerId} pool={pool} provider={provider} />
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
