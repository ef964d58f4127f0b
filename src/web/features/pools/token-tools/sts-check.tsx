import { useId } from 'react';
import {
  STS_CHECK_TOKEN_MAX_LENGTH,
  type StsCheckResult,
} from '#contract/sts-check.ts';
import type { DecodedToken } from '#filter/token.ts';
import { Alert } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { DisabledReason } from '@/components/ui/disabled-reason.tsx';
import { getErrorMessage } from '@/lib/errors.ts';
import { cn } from '@/lib/cn.ts';
import { useStsCheck } from '../api/sts-check.ts';

/** The JWT as the STS takes it: what decodeToken read, without "Bearer ". */
function subjectTokenOf(input: string): string {
  return input.trim().replace(/^Bearer\s+/i, '');
}

function whyNotSendable(
  decoded: DecodedToken | undefined,
  token: string,
): string | undefined {
  if (!decoded) return 'Paste a JWT above to ask the STS about it.';
  if (!decoded.ok) return 'The STS takes a JWT (header.payload.signature).';
  if (decoded.source === 'json') {
    return 'The STS checks the signed JWT itself, not a JSON object of its claims: paste the whole token.';
  }
  if (token.length > STS_CHECK_TOKEN_MAX_LENGTH) {
    return `This token is longer than ${STS_CHECK_TOKEN_MAX_LENGTH / 1024} KiB, more than the check sends.`;
  }
  return undefined;
}

function answerText(result: StsCheckResult, poolId: string): string {
  return result.exchanged
    ? `Exchanged: the emulator’s STS would issue a token for ${poolId} (valid ${result.expiresIn} s).`
    : `Refused: ${result.reason}`;
}

/**
 * Asks the embedded emulator's STS, through Lifeguard's server, whether it
 * would exchange the pasted token for this pool: the authoritative answer
 * beside the in-browser one, which reads claims but cannot check the
 * signature against the provider's keys. Shown only on the emulator.
 */
export function StsCheck({
  poolId,
  input,
  decoded,
  inBrowserGetsIn,
  isFilterEdited = false,
}: {
  poolId: string;
  /** The tester's text, as pasted. */
  input: string;
  decoded: DecodedToken | undefined;
  /** What the in-browser evaluation concluded; undefined when it could not. */
  inBrowserGetsIn: boolean | undefined;
  /** The filter under test differs from the saved one, which the STS uses. */
  isFilterEdited?: boolean;
}) {
  const headingId = useId();
  const noteId = useId();
  const reasonId = useId();
  const check = useStsCheck();
  const token = subjectTokenOf(input);
  const notSendable = whyNotSendable(decoded, token);
  // An answer is about the token and pool it was asked for; once the text
  // changes it says nothing about the new one.
  const isCurrent =
    check.variables?.subject_token === token &&
    check.variables.identity_pool_id === poolId;
  const result = isCurrent ? check.data : undefined;
  const error = isCurrent && check.isError ? check.error : undefined;
  const disagrees =
    result !== undefined &&
    inBrowserGetsIn !== undefined &&
    result.exchanged !== inBrowserGetsIn;

  return (
    <section
      aria-labelledby={headingId}
      className="grid gap-2 border-t border-slate-100 pt-3"
    >
      <h3 id={headingId} className="text-sm font-semibold">
        The emulator’s STS
      </h3>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          size="sm"
          pending={check.isPending}
          pendingLabel="Asking the STS…"
          disabled={notSendable !== undefined}
          aria-describedby={`${noteId}${notSendable ? ` ${reasonId}` : ''}`}
          onClick={() =>
            check.mutate({ identity_pool_id: poolId, subject_token: token })
          }
        >
          Ask the emulator’s STS
        </Button>
      </div>
      <p id={noteId} className="text-xs text-slate-600">
        Sends this token, with the pool id, through Lifeguard’s server to the
        local emulator only, never to Confluent. Neither keeps or logs it, and
        the token the STS issues is thrown away. The STS checks the signature,
        issuer and expiry against the provider’s keys, then the pool’s saved
        filter.
      </p>
      {notSendable && (
        <DisabledReason id={reasonId}>{notSendable}</DisabledReason>
      )}
      <div
        role="status"
        aria-label="The emulator’s STS answer"
        className={cn(
          result && 'grid gap-1 rounded-md px-3 py-2 text-sm',
          result?.exchanged && 'bg-green-50 text-green-900',
          result && !result.exchanged && 'bg-red-50 text-red-900',
        )}
      >
        {result && (
          <>
            <p className="font-medium break-words">
              {answerText(result, poolId)}
            </p>
            {disagrees && (
              <p>
                {result.exchanged
                  ? 'This disagrees with the in-browser evaluation above, which expected a refusal. The STS’s answer is the one that counts: it checks the token against the provider’s keys and the pool as saved, while the in-browser evaluation reads only the claims, with this browser’s clock.'
                  : 'This disagrees with the in-browser evaluation above, which expected the token to get in. The in-browser evaluation reads only the claims: it cannot check the signature, issuer or expiry against the provider’s keys; the STS does, and its answer is the one that counts.'}
              </p>
            )}
            {isFilterEdited && (
              <p>
                The STS used the pool’s saved filter, not your unsaved changes.
              </p>
            )}
          </>
        )}
      </div>
      {error !== undefined && (
        <Alert>
          <p className="font-medium">The emulator’s STS could not be asked</p>
          <p>{getErrorMessage(error)}</p>
          <p className="mt-1">Your token is still above; try again.</p>
        </Alert>
      )}
    </section>
  );
}
