import { useCallback, useMemo } from 'react';
import type {
  ExportCertificateAuthority,
  ExportCertificatePool,
  FederationExportSubject,
} from '#contract/export-federation.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogTrigger,
} from '@/components/ui/dialog.tsx';
import {
  WalkControls,
  WalkProgressView,
} from '@/components/ui/walk-progress.tsx';
import { usePacedWalk, type RunWalk } from '@/hooks/use-paced-walk.ts';
import { listAuthorityPools } from '../api/certificate-pools.ts';
import { ExportCode } from './export-code.tsx';

/** Every pool of the authority (a paced walk); rejects on abort. */
export type LoadAuthorityPools = RunWalk<ExportCertificatePool[]>;

// Mounted only while the dialog is open: opening fetches every pool afresh,
// closing stops the walk.
function AuthorityExport({
  authority,
  loadPools,
}: {
  authority: ExportCertificateAuthority;
  loadPools?: LoadAuthorityPools;
}) {
  const walk = useCallback<LoadAuthorityPools>(
    (options) =>
      loadPools
        ? loadPools(options)
        : listAuthorityPools(authority.id, options),
    [loadPools, authority.id],
  );
  const {
    state,
    start: restart,
    stop,
  } = usePacedWalk(walk, { startOnMount: true });
  const subject = useMemo<FederationExportSubject | undefined>(
    () =>
      state.state === 'done'
        ? { kind: 'certificate-authority', authority, pools: state.result }
        : undefined,
    [state, authority],
  );
  const count = state.state === 'done' ? state.result.length : 0;

  return (
    <div className="grid min-w-0 gap-3">
      <div aria-live="polite" className="grid gap-2">
        {state.state === 'fetching' && (
          <WalkProgressView progress={state} noun="certificate pools" hasBar />
        )}
        {state.state === 'cancelled' && (
          <p className="text-sm text-slate-700">
            Stopped after {state.fetched} certificate pools; nothing was
            exported.
          </p>
        )}
        {state.state === 'done' && (
          <p role="status" className="text-sm font-medium">
            All {count} certificate {count === 1 ? 'pool' : 'pools'} of{' '}
            {authority.display_name} fetched.
          </p>
        )}
      </div>
      <WalkControls state={state.state} onStop={stop} onRestart={restart} />
      {state.state === 'failed' && (
        <ApiErrorView error={state.error} onRetry={restart} />
      )}
      {subject && <ExportCode subject={subject} />}
    </div>
  );
}

/**
 * "Export": a certificate authority and every one of its certificate pools
 * (fetched page by page with progress, paced by the API budget) as
 * Terraform (`confluent_certificate_authority` with `certificate_chain =
 * file(…)`, since Confluent never returns the chain, and
 * `confluent_certificate_pool`s, each imported), CLI commands, curl calls
 * or JSON. The pools' role bindings are left to each pool's own export.
 *
 * ```tsx
 * <ExportCertificateAuthorityDialog authority={authority} />
 * // or with the certificates feature's own walk (cached under its keys):
 * <ExportCertificateAuthorityDialog authority={authority}
 *   loadPools={(options) => listAllCertificatePools(caId, options)} />
 * ```
 */
export function ExportCertificateAuthorityDialog({
  authority,
  loadPools,
}: {
  authority: ExportCertificateAuthority;
  /** How to read every pool; by default the export walks them itself. */
  loadPools?: LoadAuthorityPools;
}) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary">Export</Button>
      </DialogTrigger>
      <DialogContent
        title={`Export ${authority.display_name}`}
        description={
          <p>
            This certificate authority and all its certificate pools as code: to
            keep them under version control, or to create them elsewhere.
            Confluent never returns the certificate chain, so the code reads it
            from its file. The pools’ role bindings are not included: each
            pool’s own export has them.
          </p>
        }
        className="max-h-[calc(100vh-2rem)] max-w-4xl overflow-y-auto [overflow-wrap:anywhere]"
      >
        <AuthorityExport authority={authority} loadPools={loadPools} />
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
