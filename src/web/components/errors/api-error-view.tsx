import { useId } from 'react';
import { Link } from 'react-router';
import { consoleHrefForApiPath, paths } from '@/config/paths.ts';
import { secondsUntil, useSecondsUntil } from '@/hooks/use-now.ts';
import {
  ApiError,
  getErrorMessage,
  isOwnRateLimit,
  isRoleRefusal,
  isSessionLost,
} from '@/lib/errors.ts';
import { Alert, AlertTitle } from '../ui/alert.tsx';
import { Button } from '../ui/button.tsx';
import { TickingSeconds } from '../ui/ticking-seconds.tsx';

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
}: {
  error: unknown;
  onRetry?: () => void;
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
            ? 'Check the server’s CONFLUENT_CLOUD_API_KEY and CONFLUENT_CLOUD_API_SECRET (a Cloud API key, not a cluster key, that has not been deleted), its access token, or its keyless CONFLUENT_CLOUD_OAUTH_* settings.'
            : 'Lifeguard acts as its API key’s owner or, keyless, as its identity pool: managing identity pools needs the OrganizationAdmin role (or a pool’s ResourceOwner). Confluent also answers 403 for resources that do not exist.'}
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
    return <RateLimitedError error={error} onRetry={onRetry} />;
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

// A 429 that is not retried by itself (any write, or a read asked to wait
// longer than Lifeguard waits): when the user may try again, counted down
// from Retry-After, with Retry held back until then, since trying sooner
// only earns another 429.
function RateLimitedError({
  error,
  onRetry,
}: {
  error: ApiError;
  onRetry?: () => void;
}) {
  const allowedAt = error.retryAllowedAt;
  const left = useSecondsUntil(allowedAt);
  const waitId = useId();
  const isWaiting = left !== undefined && left > 0;
  return (
    <Alert tone="warning">
      {isOwnRateLimit(error) ? (
        <>
          <AlertTitle>Lifeguard is pacing your requests</AlertTitle>
          <p>
            Each user may make only so many, so that no one uses up the
            organisation’s Confluent API budget.
          </p>
        </>
      ) : (
        <AlertTitle>The Confluent API is rate-limiting requests</AlertTitle>
      )}
      <p id={waitId}>
        {allowedAt === undefined ? (
          'Wait a moment, then try again.'
        ) : isWaiting ? (
          <>
            You can try again in{' '}
            <TickingSeconds
              left={left}
              initial={secondsUntil(allowedAt, error.receivedAt)}
            />
            .
          </>
        ) : (
          'You can try again now.'
        )}
      </p>
      <RequestId error={error} />
      {onRetry && (
        <RetryButton
          onRetry={onRetry}
          disabled={isWaiting}
          aria-describedby={isWaiting ? waitId : undefined}
        />
      )}
    </Alert>
  );
}

function RetryButton({
  onRetry,
  ...props
}: {
  onRetry: () => void;
  disabled?: boolean;
  'aria-describedby'?: string;
}) {
  return (
    <Button
      variant="secondary"
      size="sm"
      className="mt-3"
      onClick={onRetry}
      {...props}
    >
      Retry
    </Button>
  );
}
