import { useCallback } from 'react';
import type {
  ExportCertificateAuthority,
  ExportCertificatePool,
  FederationExportSubject,
} from '#contract/export-federation.ts';
import { Button } from '@/components/ui/button.tsx';
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogTrigger,
} from '@/components/ui/dialog.tsx';
import type { RunWalk } from '@/hooks/use-paced-walk.ts';
import { listAuthorityPools } from '../api/certificate-pools.ts';
import { WalkedExport } from './walked-export.tsx';

/** Every pool of the authority (a paced walk); rejects on abort. */
export type LoadAuthorityPools = RunWalk<ExportCertificatePool[]>;

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
  const subjectOf = useCallback(
    (pools: ExportCertificatePool[]): FederationExportSubject => ({
      kind: 'certificate-authority',
      authority,
      pools,
    }),
    [authority],
  );
  return (
    <WalkedExport
      walk={walk}
      ownerName={authority.display_name}
      noun={{ one: 'certificate pool', many: 'certificate pools' }}
      subjectOf={subjectOf}
    />
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
