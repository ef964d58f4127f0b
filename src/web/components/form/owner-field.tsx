import { useQuery } from '@tanstack/react-query';
import type { Control, FieldValues } from 'react-hook-form';
import { Button } from '@/components/ui/button.tsx';
import { NativeSelect } from '@/components/ui/native-select.tsx';
import { directoryQueries, userLabel } from '@/lib/directory-queries.ts';
import { getErrorMessage } from '@/lib/errors.ts';
import { OWNER_PARAMETER } from '@/lib/owner-refusal.ts';
import { FormField } from './form-field.tsx';

/** A create form with an owner: empty or absent is no owner. */
type OwnerValues = { [OWNER_PARAMETER]?: string };

/**
 * A new pool's owner (an identity pool or a certificate pool): one of the
 * organization's users, sent as `assigned_resource_owner`, for which
 * Confluent makes a ResourceOwner role binding on the pool. Create only:
 * the API takes an owner nowhere else.
 */
export function OwnerField<TValues extends FieldValues & OwnerValues>({
  control,
}: {
  control: Control<TValues>;
}) {
  // Any form whose values have the owner field: FormField's types cannot
  // follow a fixed name through a generic form, so it gets the owner's view.
  const ownerControl = control as unknown as Control<OwnerValues>;
  const users = useQuery(directoryQueries.users());
  const userIds = new Set(users.data?.map((user) => user.id));

  return (
    <FormField
      control={ownerControl}
      name={OWNER_PARAMETER}
      label="Owner (optional)"
      hint={
        <>
          A user who may grant and revoke access to this pool, and describe,
          alter and delete it: Confluent gives them the ResourceOwner role on
          the pool. It can only be chosen when the pool is created.
          {users.isPending && ' Loading the organization’s users…'}
        </>
      }
      after={
        users.isError && (
          <div
            role="alert"
            className="flex flex-wrap items-center gap-2 text-sm text-red-800"
          >
            <span>
              Could not list the organization’s users:{' '}
              {getErrorMessage(users.error)} The pool can still be created
              without an owner.
            </span>
            <Button
              variant="secondary"
              size="sm"
              pending={users.isFetching}
              pendingLabel="Retrying…"
              onClick={() => void users.refetch()}
            >
              Retry
            </Button>
          </div>
        )
      }
    >
      {({ value, ...props }) => (
        <NativeSelect {...props} value={value ?? ''}>
          <option value="">No owner</option>
          {/* A choice restored from a draft stays chosen, even before the
              users have loaded or if that user has gone since. */}
          {value && !userIds.has(value) && (
            <option value={value}>
              {users.isPending ? value : `${value} (not a user listed now)`}
            </option>
          )}
          {users.data?.map((user) => (
            <option key={user.id} value={user.id}>
              {userLabel(user)}
            </option>
          ))}
        </NativeSelect>
      )}
    </FormField>
  );
}
