import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { paths } from '@/config/paths.ts';
import { ApiError } from '@/lib/errors.ts';

/** A pool that failed to load (404 included), with the way back to its provider. */
export function PoolLoadError({
  error,
  providerId,
  onRetry,
}: {
  error: unknown;
  providerId: string;
  onRetry: () => void;
}) {
  const isMissing = error instanceof ApiError && error.status === 404;
  return (
    <>
      {/* Every screen has a title, this one included (axe page-has-heading-one). */}
      <h1 className="mb-4 text-2xl font-semibold">
        {isMissing ? 'Pool not found' : 'This pool could not be loaded'}
      </h1>
      <ApiErrorView
        error={error}
        onRetry={onRetry}
        backHref={paths.provider.getHref(providerId)}
        backLabel="Back to the provider’s pools"
      />
    </>
  );
}
