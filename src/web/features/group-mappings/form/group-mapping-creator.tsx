import { Link, useNavigate } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Alert } from '@/components/ui/alert.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { notify } from '@/lib/notify.ts';
import { useCreateGroupMapping } from '../api/mutations.ts';
import { groupMappingDraftScope } from '../drafts.ts';
import type { GroupMappingFormValues } from '../schemas.ts';
import {
  GroupMappingForm,
  GroupMappingFormSkeleton,
} from './group-mapping-form.tsx';
import { useGroupMappingPrefill } from './use-group-mapping-prefill.ts';

/**
 * The new-mapping form, started from what `searchParams` asks (?copy_of=);
 * creating lands on the new mapping's page, where its access is granted.
 */
export function GroupMappingCreator({
  searchParams,
}: {
  searchParams: URLSearchParams;
}) {
  const navigate = useNavigate();
  const create = useCreateGroupMapping();
  const prefill = useGroupMappingPrefill(searchParams);

  async function submit(values: GroupMappingFormValues) {
    const mapping = await create.mutateAsync(values);
    notify.success(`Created ${mapping.display_name}`);
    // Replace, so Back from the new mapping does not return to a spent form.
    void navigate(groupMappingPaths.detail.getHref(mapping.id), {
      replace: true,
    });
  }

  if (prefill.status === 'loading') return <GroupMappingFormSkeleton />;
  if (prefill.status === 'error') {
    return (
      <ApiErrorView
        error={prefill.error}
        onRetry={prefill.retry}
        backHref={groupMappingPaths.create.getHref()}
        backLabel="Start from an empty form instead"
      />
    );
  }
  return (
    <>
      {prefill.source && (
        <Alert tone="info" className="mb-4 max-w-2xl">
          A copy of{' '}
          <Link
            to={groupMappingPaths.detail.getHref(prefill.source.id)}
            className="font-medium text-brand-700 underline"
          >
            {prefill.source.display_name}
          </Link>
          : its description and filter, under a new name. Its role bindings are
          not copied: grant the copy its access once it is created. Nothing is
          saved until you create the mapping.
        </Alert>
      )}
      {/* Drafts share one scope whatever the starting point, so a draft
          typed earlier is offered here, never overwritten. */}
      <GroupMappingForm
        key={prefill.key}
        defaultValues={prefill.values}
        submitLabel="Create group mapping"
        pendingLabel="Creating…"
        onSubmit={submit}
        isPending={create.isPending}
        cancelHref={groupMappingPaths.list.getHref()}
        draft={{ scope: groupMappingDraftScope(), base: null }}
      />
    </>
  );
}
