import { useQuery } from '@tanstack/react-query';
import type { Control } from 'react-hook-form';
import { FormField } from '@/components/form/form-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { directoryQueries, userLabel } from '@/lib/directory-queries.ts';
import { getErrorMessage } from '@/lib/errors.ts';
import type { PoolFormValues } from '../schemas.ts';
import { NativeSelect } from '@/components/ui/native-select.tsx';

/**
 * The new pool's owner: one of the organization's users, sent as
 * `assigned_resource_owner`, for which Confluent makes a ResourceOwner role
 * binding on the pool. Create only: the API takes an owner nowhere else.
 */
export function OwnerField({ control }: { control: Control<PoolFormValues> }) {
  const users = useQuery(directoryQueries.users());
  const userIds = new Set(users.data?.map((user) => user.id));

  return (
    <FormField
      control={control}
      name="assigned_resource_owner"
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
