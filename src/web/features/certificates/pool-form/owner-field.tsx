import { useQuery } from '@tanstack/react-query';
import type { Control } from 'react-hook-form';
import { FormField } from '@/components/form/form-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { NativeSelect } from '@/components/ui/native-select.tsx';
import { directoryQueries, userLabel } from '@/lib/directory-queries.ts';
import { ApiError, getErrorMessage } from '@/lib/errors.ts';
import type { CertificatePoolFormValues } from '../schemas.ts';

/** The query parameter that carries a new pool's owner. */
const OWNER_PARAMETER = 'assigned_resource_owner';

/**
 * Why a create was refused because of its owner, for the Owner field, or
 * undefined when the refusal is about something else: the owner is a query
 * parameter, so its refusal names `source.parameter`, not a body field.
 */
export function ownerRefusalOf(caught: unknown): string | undefined {
  if (!(caught instanceof ApiError) || caught.status !== 400) return undefined;
  const { body } = caught;
  if (typeof body !== 'object' || body === null) return undefined;
  const errors = (body as { errors?: unknown }).errors;
  if (Array.isArray(errors)) {
    for (const item of errors as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      const { source, detail } = item as { source?: unknown; detail?: unknown };
      if (
        typeof source === 'object' &&
        source !== null &&
        (source as { parameter?: unknown }).parameter === OWNER_PARAMETER
      ) {
        const text = typeof detail === 'string' ? detail : 'not accepted';
        return `Confluent did not accept this owner: ${text.replace(/\.\s*$/, '')}. Choose another user, or no owner; everything else you typed is kept.`;
      }
    }
  }
  return undefined;
}

/**
 * The new pool's owner: one of the organization's users, sent as
 * `assigned_resource_owner`, for which Confluent makes a ResourceOwner role
 * binding on the pool. Create only: the API takes an owner nowhere else.
 */
export function OwnerField({
  control,
}: {
  control: Control<CertificatePoolFormValues>;
}) {
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
