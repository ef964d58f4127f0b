import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { groupMappingPaths } from '@/config/federation-paths.ts';
import { ApiError } from '@/lib/errors.ts';

/** A mapping that failed to load (404 included), with the way back to the list. */
export function GroupMappingLoadError({
  error,
  onRetry,
}: {
  error: unknown;
  onRetry: () => void;
}) {
  const status = error instanceof ApiError ? error.status : undefined;
  return (
    <>
      {/* Every screen has a title, this one included (axe page-has-heading-one). */}
      <h1 className="mb-4 text-2xl font-semibold">
        {status === 404
          ? 'Group mapping not found'
          : 'This group mapping could not be loaded'}
      </h1>
      {status === 403 && (
        <p className="mb-3 max-w-prose text-sm text-slate-700">
          Confluent answers 403 for a group mapping that does not exist or was
          deleted, as well as for one Lifeguard’s credential may not read.
        </p>
      )}
      <ApiErrorView
        error={error}
        onRetry={onRetry}
        backHref={groupMappingPaths.list.getHref()}
        backLabel="Back to the group mappings"
      />
    </>
  );
}
