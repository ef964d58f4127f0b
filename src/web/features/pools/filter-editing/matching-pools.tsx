import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { compileFilter } from '#filter/evaluate.ts';
import { extractIdentity } from '#filter/identity.ts';
import { decodeToken } from '#filter/token.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { Button } from '@/components/ui/button.tsx';
import {
  FieldDescription,
  FieldError,
  FieldLabel,
} from '@/components/ui/field.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { Alert } from '@/components/ui/alert.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { WalkProgressView } from '@/components/ui/walk-progress.tsx';
import { usePacedWalk } from '@/hooks/use-paced-walk.ts';
import { listAllPools } from '../api/all-pools.ts';
import { PoolNameCells } from '../list/pool-name-cells.tsx';
import {
  rejectionHeadline,
  rejectionReasons,
} from '../token-tools/token-verdict.ts';

/**
 * Every pool of a provider whose filter matches a pasted token, and the
 * identity each would give it: why a client landed in a pool, and which pools
 * overlap. The token stays in the browser; only pool lists are fetched.
 */
/** A pool the token lands in, for the access view the route composes. */
export type PoolLanding = {
  providerId: string;
  poolId: string;
  poolName: string;
  identityClaim: string;
  identity: { ok: true; identity: string } | { ok: false; message: string };
};

export function MatchingPools({
  providerId,
  providerIssuer,
  renderAccess,
}: {
  providerId: string;
  /** For the issuer check: a token of another issuer lands in no pool. */
  providerIssuer?: string;
  /**
   * What the token may do through the pools it lands in, shown instead of
   * the plain list of pools (composed by the route: features do not import
   * each other). `refusal` is set when Confluent refuses the token itself.
   */
  renderAccess?: (landings: PoolLanding[], refusal?: string) => ReactNode;
}) {
  const [input, setInput] = useState('');
  const {
    state: progress,
    start: fetchAll,
    stop,
  } = usePacedWalk((options) => listAllPools(providerId, options));
  const findRef = useRef<HTMLButtonElement>(null);
  const inputId = useId();
  // Memoized, as the matches below depend on it: a fresh decoding on every
  // render would re-run every pool's filter on every render.
  const decoded = useMemo(
    () => (input.trim() ? decodeToken(input) : undefined),
    [input],
  );
  // Confluent refuses such a token before any filter runs.
  const rejections = decoded?.ok
    ? rejectionReasons(decoded.claims, providerIssuer)
    : [];
  const isRejected = rejections.length > 0;

  useEffect(() => {
    // Cancel goes away with the walk; keep the keyboard next to it.
    if (
      progress.state === 'cancelled' &&
      document.activeElement === document.body
    ) {
      findRef.current?.focus();
    }
  }, [progress.state]);

  const matches = useMemo(() => {
    if (progress.state !== 'done' || !decoded?.ok) return undefined;
    return progress.result.flatMap((pool) => {
      const evaluation = compileFilter(pool.filter)(decoded.claims);
      if (!evaluation.ok || !evaluation.matches) return [];
      return [
        {
          pool,
          identity: extractIdentity(pool.identity_claim, decoded.claims),
        },
      ];
    });
  }, [progress, decoded]);

  const fetchedCount = progress.state === 'done' ? progress.result.length : 0;
  const landings = useMemo(
    () =>
      matches?.map(({ pool, identity }) => ({
        providerId,
        poolId: pool.id,
        poolName: pool.display_name,
        identityClaim: pool.identity_claim,
        identity,
      })),
    [matches, providerId],
  );

  return (
    <section
      aria-labelledby={`${inputId}-title`}
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <h2 id={`${inputId}-title`} className="text-lg font-semibold">
        Which pools match a token?
      </h2>
      <div className="grid gap-1.5">
        <FieldLabel htmlFor={inputId}>Token or claims to match</FieldLabel>
        <Textarea
          id={inputId}
          rows={3}
          value={input}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => setInput(event.target.value)}
          aria-invalid={decoded !== undefined && !decoded.ok}
          className="text-xs"
        />
        <FieldDescription>
          Decoded in your browser; only the provider’s pool lists are fetched,
          paced by the API’s rate limit.
        </FieldDescription>
        {decoded && !decoded.ok && <FieldError>{decoded.message}</FieldError>}
      </div>
      {isRejected && (
        <Alert tone="warning">
          <p className="font-semibold">{rejectionHeadline(rejections)}</p>
          <p>
            It lands in no pool. Its claims can still be matched against the
            pools’ filters, for instance to check a token before it is renewed.
          </p>
        </Alert>
      )}
      <div className="flex gap-2">
        <Button
          ref={findRef}
          variant="secondary"
          disabled={!decoded?.ok || progress.state === 'fetching'}
          onClick={fetchAll}
        >
          Find matching pools
        </Button>
        {progress.state === 'fetching' && (
          <Button variant="ghost" onClick={stop}>
            Cancel
          </Button>
        )}
      </div>
      <div aria-live="polite">
        {progress.state === 'fetching' && (
          <WalkProgressView progress={progress} noun="pools" hasBar />
        )}
        {progress.state === 'cancelled' && (
          <p className="text-sm text-slate-700">
            Cancelled after {progress.fetched} pools.
          </p>
        )}
        {progress.state === 'failed' && (
          <ApiErrorView error={progress.error} onRetry={fetchAll} />
        )}
        {matches && (
          <p role="status" className="text-sm font-medium">
            {isRejected
              ? `${rejectionHeadline(rejections)} It lands in no pool; on its claims alone, ${
                  matches.length === 0
                    ? 'no pool’s filter matches'
                    : matches.length === 1
                      ? '1 pool’s filter would match'
                      : `the filters of ${matches.length} pools would match`
                } (of ${fetchedCount}).`
              : matches.length === 0
                ? `None of the ${fetchedCount} pools matches this token.`
                : `${matches.length} of ${fetchedCount} pools match this token.`}
          </p>
        )}
      </div>
      {landings &&
        renderAccess?.(
          landings,
          isRejected ? rejectionHeadline(rejections) : undefined,
        )}
      {!renderAccess && matches && matches.length > 0 && (
        <Table>
          <caption className="sr-only">
            {isRejected
              ? 'Pools whose filters match the token’s claims'
              : 'Pools matching the token'}
          </caption>
          <thead>
            <tr>
              <Th>Pool</Th>
              <Th>ID</Th>
              <Th>Identity claim</Th>
              <Th>Identity</Th>
            </tr>
          </thead>
          <tbody>
            {matches.map(({ pool, identity }) => (
              <tr key={pool.id}>
                <PoolNameCells providerId={providerId} pool={pool} />
                <Td className="font-mono text-xs">{pool.identity_claim}</Td>
                <Td className="font-mono text-xs break-all">
                  {identity.ok ? (
                    identity.identity
                  ) : (
                    <span className="text-red-800">{identity.message}</span>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
