import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { paths } from '@/config/paths.ts';

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
  return (
    <ApiErrorView
      error={error}
      onRetry={onRetry}
      backHref={paths.provider.getHref(providerId)}
      backLabel="Back to the provider’s pools"
    />
  );
}
