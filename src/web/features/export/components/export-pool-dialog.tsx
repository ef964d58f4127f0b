import { useMemo } from 'react';
import type { ExportPool, ExportProvider } from '#contract/export.ts';
import { Button } from '@/components/ui/button.tsx';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogTrigger,
} from '@/components/ui/dialog.tsx';
import { ExportCode } from './export-code.tsx';

/** "Export": the pool as Terraform, CLI commands, curl calls or JSON. */
export function ExportPoolDialog({
  providerId,
  pool,
  provider,
}: {
  providerId: string;
  pool: ExportPool;
  provider?: ExportProvider;
}) {
  const subject = useMemo(
    () => ({ kind: 'pool' as const, providerId, pool, provider }),
    [providerId, pool, provider],
  );
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary">Export</Button>
      </DialogTrigger>
      <DialogContent
        title={`Export ${pool.display_name}`}
        description={
          <p>
            This pool as code, from what Lifeguard loaded: to keep it under
            version control, or to create it elsewhere.
          </p>
        }
        className="max-h-[calc(100vh-2rem)] max-w-4xl overflow-y-auto [overflow-wrap:anywhere]"
      >
        <ExportCode subject={subject} />
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
