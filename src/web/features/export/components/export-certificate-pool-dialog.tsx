import { useCallback } from 'react';
import type { ExportRoleBinding } from '#contract/export.ts';
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
import { ObjectWithBindingsExport } from './object-export.tsx';

type CertificatePoolExportProps = {
  /** The pool's certificate authority (`op-…`). */
  authorityId: string;
  pool: ExportCertificatePool;
  /** The authority, when loaded: only names it in comments. */
  authority?: ExportCertificateAuthority;
};

function CertificatePoolExport({
  authorityId,
  pool,
  authority,
}: CertificatePoolExportProps) {
  const subjectWith = useCallback(
    (
      roleBindings: readonly ExportRoleBinding[] | undefined,
    ): FederationExportSubject => ({
      kind: 'certificate-pool',
      authorityId,
      pool,
      authority,
      roleBindings,
    }),
    [authorityId, pool, authority],
  );
  return (
    <ObjectWithBindingsExport
      objectId={pool.id}
      name={pool.display_name}
      noun="certificate pool"
      subjectWith={subjectWith}
    />
  );
}

/**
 * "Export": a certificate pool and its role bindings (fetched page by page
 * with progress, paced by the API budget) as Terraform
 * (`confluent_certificate_pool`, imported as `<CA id>/<pool id>`), CLI
 * commands, curl calls or JSON. Every create and update passes the filter
 * explicitly.
 *
 * ```tsx
 * <ExportCertificatePoolDialog authorityId={caId} pool={pool} authority={authority} />
 * ```
 */
export function ExportCertificatePoolDialog(props: CertificatePoolExportProps) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary">Export</Button>
      </DialogTrigger>
      <DialogContent
        title={`Export ${props.pool.display_name}`}
        description={
          <p>
            This certificate pool and what its clients may do (its role
            bindings) as code, from what Lifeguard loaded: to keep them under
            version control, or to create them elsewhere.
          </p>
        }
        className="max-h-[calc(100vh-2rem)] max-w-4xl overflow-y-auto [overflow-wrap:anywhere]"
      >
        <CertificatePoolExport {...props} />
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
