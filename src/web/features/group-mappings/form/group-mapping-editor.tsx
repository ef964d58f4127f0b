import { useNavigate } from 'react-router';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { notify } from '@/lib/notify.ts';
import {
  conflictRowsOf,
  EditConflictDialog,
} from '@/components/form/edit-conflict-dialog.tsx';
import {
  groupMappingVersionOf,
  type GroupMapping,
} from '../api/group-mappings.ts';
import { groupMappingDraftScope } from '../drafts.ts';
import {
  GROUP_MAPPING_FIELD_LABELS,
  GROUP_MAPPING_FORM_FIELDS,
  groupMappingFormValuesOf,
} from '../schemas.ts';
import {
  GroupMappingForm,
  GroupMappingFormSkeleton,
} from './group-mapping-form.tsx';
import { useSaveGroupMapping } from './use-save-group-mapping.ts';

/**
 * The edit form of a group mapping, once it has loaded (a placeholder
 * before): it saves against the version it was opened from, asks when
 * someone else saved in between, then shows the mapping's page.
 */
export function GroupMappingEditor({
  id,
  mapping,
}: {
  id: string;
  mapping: GroupMapping | undefined;
}) {
  if (mapping === undefined) return <GroupMappingFormSkeleton />;
  // Another mapping is another form, with its own version to save against.
  return <LoadedEditor key={mapping.id} id={id} mapping={mapping} />;
}

function LoadedEditor({ id, mapping }: { id: string; mapping: GroupMapping }) {
  const navigate = useNavigate();
  const saving = useSaveGroupMapping({
    id,
    mapping,
    onSaved: (saved) => {
      notify.success(`Saved ${saved.display_name}`);
      // Replace, so Back from the mapping does not return to a spent form.
      void navigate(groupMappingPaths.detail.getHref(id), { replace: true });
    },
  });
  const { question } = saving;

  return (
    <>
      <GroupMappingForm
        key={saving.opened.key}
        defaultValues={groupMappingFormValuesOf(saving.opened.record)}
        submitLabel="Save changes"
        pendingLabel="Saving…"
        onSubmit={saving.save}
        isPending={saving.isPending}
        mappingId={id}
        cancelHref={groupMappingPaths.detail.getHref(id)}
        requireChanges
        draft={{
          scope: groupMappingDraftScope(id),
          base: saving.base,
          onRestore: saving.restoreBase,
        }}
      />
      {question?.kind === 'conflict' && (
        <EditConflictDialog
          what="This group mapping"
          savedAt={groupMappingVersionOf(question.theirs)}
          rows={conflictRowsOf({
            fields: GROUP_MAPPING_FORM_FIELDS,
            labels: GROUP_MAPPING_FIELD_LABELS,
            theirs: groupMappingFormValuesOf(question.theirs),
            mine: question.mine,
            base: question.base,
          })}
          onAnswer={saving.answer}
        />
      )}
    </>
  );
}
