import { Link } from 'react-router';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Alert } from '@/components/ui/alert.tsx';
import { paths } from '@/config/paths.ts';
import type { PoolPrefillState } from './use-pool-prefill.ts';

/** Says what the new-pool form was filled from, or why it could not be. */
export function PoolPrefillNotice({
  providerId,
  state,
}: {
  providerId: string;
  state: PoolPrefillState;
}) {
  const emptyHref = paths.poolNew.getHref(providerId);
  if (state.status === 'loading') return null;
  if (state.status === 'error') {
    return (
      <ApiErrorView
        error={state.error}
        onRetry={state.retry}
        backHref={emptyHref}
        backLabel="Start from an empty form instead"
      />
    );
  }
  const { prefill } = state;
  switch (prefill.kind) {
    case 'empty':
      return null;
    case 'copy':
      return (
        <Alert tone="info" className="mb-4 max-w-2xl">
          A copy of{' '}
          <Link
            to={paths.pool.getHref(providerId, prefill.source.id)}
            className="font-medium text-brand-700 underline"
          >
            {prefill.source.display_name}
          </Link>
          : its description, identity claim and filter, under a new name.
          Nothing is saved until you create the pool.
        </Alert>
      );
    case 'template':
      return (
        <Alert tone="info" className="mb-4 max-w-2xl">
          Started from the template “{prefill.template.title}”. Replace the
          values in angle brackets, such as <code>&lt;client-id&gt;</code>, with
          your own.
        </Alert>
      );
    case 'unknown-template':
      return (
        <Alert tone="warning" className="mb-4 max-w-2xl">
          There is no template “{prefill.templateId}”, so the form starts empty.
          You can pick a template in the form.
        </Alert>
      );
  }
}
