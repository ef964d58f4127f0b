import { Link } from 'react-router';
import { consoleHrefForApiPath, paths } from '@/config/paths.ts';
import {
  ApiError,
  getErrorMessage,
  isRoleRefusal,
  isSessionLost,
} from '@/lib/errors.ts';
import { Alert, AlertTitle } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';

function RequestId({ error }: { error: ApiError }) {
  if (!error.requestId) return null;
  return (
    <p className="mt-2 text-xs">
      Request id: <code className="select-all">{error.requestId}</code>
    </p>
  );
}

/**
 * What a failed API call means for the person looking at the screen, one
 * explanation per status the API declares (issue 4, §3).
 */
export function ApiErrorView({
  error,
  onRetry,
  backHref = paths.home.getHref(),
  backLabel = 'Back to identity providers',
  retrying = false,
}: {
  error: unknown;
  onRetry?: () => void;
  /** A query is about to retry by itself (after Retry-After on a 429). */
  retrying?: boolean;
  backHref?: string;
  backLabel?: string;
}) {
  if (!(error instanceof ApiError)) {
    return (
      <Alert>
        <AlertTitle>Something went wrong</AlertTitle>
        <p>{getErrorMessage(error)}</p>
        {onRetry && <RetryButton onRetry={onRetry} />}
      </Alert>
    );
  }
  const { status } = error;
  // Lifeguard's own refusals, not Confluent's: the sign-in dialog handles
  // an ended session, and a role refusal names the role.
  if (isSessionLost(error)) {
    return (
      <Alert tone="warning">
        <AlertTitle>You are signed out</AlertTitle>
        <p>Your session ended. Sign in again, then retry.</p>
        <RequestId error={error} />
        {onRetry && <RetryButton onRetry={onRetry} />}
      </Alert>
    );
  }
  if (isRoleRefusal(error)) {
    return (
      <Alert tone="warning">
        <AlertTitle>Your role does not allow this</AlertTitle>
        <p>{error.message}</p>
        <RequestId error={error} />
      </Alert>
    );
  }
  if (status === 401 || status === 403) {
    return (
      <Alert>
        <AlertTitle>
          {status === 401
            ? 'Confluent refused Lifeguard’s credentials'
            : 'Lifeguard’s credentials are not allowed to do this'}
        </AlertTitle>
        <p>{error.message}</p>
        <p className="mt-2">
          {status === 401
            ? 'Check the server’s CONFLUENT_CLOUD_API_KEY and CONFLUENT_CLOUD_API_SECRET (a Cloud API key, not a cluster key, that has not been deleted), or its access token.'
            : 'Managing identity pools needs the OrganizationAdmin role (or a pool’s ResourceOwner). Confluent also answers 403 for resources that do not exist.'}
        </p>
        <RequestId error={error} />
      </Alert>
    );
  }
  if (status === 404) {
    return (
      <Alert tone="warning">
        <AlertTitle>Not found</AlertTitle>
        <p>{error.message}</p>
        <p className="mt-2">
          <Link to={backHref} className="font-medium text-brand-700 underline">
            {backLabel}
          </Link>
        </p>
      </Alert>
    );
  }
  if (status === 402) {
    return (
      <Alert tone="warning">
        <AlertTitle>A Confluent quota was reached</AlertTitle>
        <p>{error.message}</p>
        <p className="mt-2">
          Delete something you no longer need, or ask Confluent Support to raise
          the quota.
        </p>
        <RequestId error={error} />
      </Alert>
    );
  }
  if (status === 409) {
    const href = error.location
      ? consoleHrefForApiPath(error.location)
      : undefined;
    return (
      <Alert tone="warning">
        <AlertTitle>This conflicts with an existing resource</AlertTitle>
        <p>{error.message}</p>
        {href && (
          <p className="mt-2">
            <Link to={href} className="font-medium text-brand-700 underline">
              Open the existing resource
            </Link>
          </p>
        )}
        <RequestId error={error} />
      </Alert>
    );
  }
  if (status === 429) {
    return (
      <Alert tone="warning">
        <AlertTitle>The Confluent API is rate-limiting requests</AlertTitle>
        <p>
          {retrying
            ? error.retryAfterSeconds !== undefined
              ? `Lifeguard will try again in ${error.retryAfterSeconds} s.`
              : 'Lifeguard will try again shortly.'
            : error.retryAfterSeconds !== undefined
              ? `You can try again in ${error.retryAfterSeconds} s.`
              : 'Wait a moment, then try again.'}
        </p>
        <RequestId error={error} />
        {onRetry && <RetryButton onRetry={onRetry} />}
      </Alert>
    );
  }
  return (
    <Alert>
      <AlertTitle>{error.title}</AlertTitle>
      <p>{error.message}</p>
      <RequestId error={error} />
      {onRetry && <RetryButton onRetry={onRetry} />}
    </Alert>
  );
}

function RetryButton({ onRetry }: { onRetry: () => void }) {
  return (
    <Button variant="secondary" size="sm" className="mt-3" onClick={onRetry}>
      Retry
    </Button>
  );
}
