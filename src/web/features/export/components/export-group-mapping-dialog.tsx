import { useCallback } from 'react';
import type { ExportRoleBinding } from '#contract/export.ts';
import type {
  ExportGroupMapping,
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

function GroupMappingExport({ mapping }: { mapping: ExportGroupMapping }) {
  const subjectWith = useCallback(
    (
      roleBindings: readonly ExportRoleBinding[] | undefined,
    ): FederationExportSubject => ({
      kind: 'group-mapping',
      mapping,
      roleBindings,
    }),
    [mapping],
  );
  return (
    <ObjectWithBindingsExport
      objectId={mapping.id}
      name={mapping.display_name}
      noun="group mapping"
      subjectWith={subjectWith}
    />
  );
}

/**
 * "Export": an SSO group mapping and its role bindings (fetched page by
 * page with progress, paced by the API budget) as Terraform
 * (`confluent_group_mapping` with its import block, `confluent_role_binding`
 * on `User:${…id}`), CLI commands, curl calls or JSON. Every create and
 * update passes the filter explicitly.
 *
 * ```tsx
 * <ExportGroupMappingDialog mapping={mapping} />  // the GroupMapping as read
 * ```
 */
export function ExportGroupMappingDialog({
  mapping,
}: {
  mapping: ExportGroupMapping;
}) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="secondary">Export</Button>
      </DialogTrigger>
      <DialogContent
        title={`Export ${mapping.display_name}`}
        description={
          <p>
            This group mapping and what its users may do (its role bindings) as
            code, from what Lifeguard loaded: to keep them under version
            control, or to create them elsewhere.
          </p>
        }
        className="max-h-[calc(100vh-2rem)] max-w-4xl overflow-y-auto [overflow-wrap:anywhere]"
      >
        <GroupMappingExport mapping={mapping} />
        <div className="flex justify-end">
          <DialogClose asChild>
            <Button variant="secondary">Close</Button>
          </DialogClose>
        </div>
      </DialogContent>
    </Dialog>
  );
}
