import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
import { ApiError } from '@/lib/errors.ts';
import type { AccessProblem } from '../access-errors.ts';

/**
 * A failed grant or revoke: Confluent's refusal explained by its cause
 * (`problem`), with Confluent's own words; anything else as every screen
 * explains it.
 */
export function AccessProblemView({
  error,
  problem,
}: {
  error: unknown;
  problem: AccessProblem | undefined;
}) {
  if (!problem) return <ApiErrorView error={error} />;
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert
      tone={
        problem.kind === 'gone' || problem.kind === 'exists'
          ? 'warning'
          : 'error'
      }
    >
      <AlertTitle>{problem.title}</AlertTitle>
      {problem.message && (
        <p className="[overflow-wrap:anywhere]">
          Confluent said: {problem.message}
        </p>
      )}
      <p className="mt-2">{problem.advice}</p>
      {requestId && (
        <p className="mt-2 text-xs">
          Request id: <code className="select-all">{requestId}</code>
        </p>
      )}
    </Alert>
  );
}
