import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
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
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { paths } from '@/config/paths.ts';
import { listPoolsWithBudget, pageTokenOf, type Pool } from '../api/pools.ts';

// Leave some of the organisation's budget for everyone else.
const BUDGET_FLOOR = 5;
const PAGE_SIZE = 100;

type Progress =
  | { state: 'idle' }
  | {
      state: 'fetching';
      fetched: number;
      total: number | undefined;
      waitingSeconds?: number;
    }
  | { state: 'done'; pools: Pool[] }
  | { state: 'failed'; error: unknown };

function sleep(ms: number, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/**
 * Every pool of a provider whose filter matches a pasted token, and the
 * identity each would give it: why a client landed in a pool, and which pools
 * overlap. The token stays in the browser; only pool lists are fetched.
 */
export function MatchingPools({ providerId }: { providerId: string }) {
  const [input, setInput] = useState('');
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  const abortRef = useRef<AbortController | undefined>(undefined);
  const inputId = useId();
  const decoded = input.trim() ? decodeToken(input) : undefined;

  useEffect(() => () => abortRef.current?.abort(), []);

  async function fetchAll() {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    const pools: Pool[] = [];
    let pageToken: string | undefined;
    let total: number | undefined;
    try {
      do {
        setProgress({ state: 'fetching', fetched: pools.length, total });
        const { list, budget } = await listPoolsWithBudget(
          { providerId, pageSize: PAGE_SIZE, pageToken },
          controller.signal,
        );
        pools.push(...list.data);
        total = list.metadata.total_size ?? undefined;
        pageToken = pageTokenOf(list.metadata.next);
        if (pageToken && budget && budget.remaining <= BUDGET_FLOOR) {
          setProgress({
            state: 'fetching',
            fetched: pools.length,
            total,
            waitingSeconds: budget.resetSeconds,
          });
          await sleep(budget.resetSeconds * 1000, controller.signal);
        }
      } while (pageToken);
      setProgress({ state: 'done', pools });
    } catch (error) {
      if (!controller.signal.aborted) setProgress({ state: 'failed', error });
    }
  }

  const matches = useMemo(() => {
    if (progress.state !== 'done' || !decoded?.ok) return undefined;
    return progress.pools.flatMap((pool) => {
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
      <div>
        <Button
          variant="secondary"
          disabled={!decoded?.ok || progress.state === 'fetching'}
          onClick={() => void fetchAll()}
        >
          Find matching pools
        </Button>
      </div>
      <div aria-live="polite">
        {progress.state === 'fetching' && (
          <p className="text-sm text-slate-700">
            <progress
              className="mr-2 align-middle"
              value={progress.fetched}
              max={progress.total ?? undefined}
              aria-label="Pools fetched"
            />
            Fetched {progress.fetched}
            {progress.total !== undefined ? ` of ${progress.total}` : ''} pools
            {progress.waitingSeconds
              ? `; waiting ${progress.waitingSeconds} s for the rate limit`
              : '…'}
          </p>
        )}
        {progress.state === 'failed' && (
          <ApiErrorView
            error={progress.error}
            onRetry={() => void fetchAll()}
          />
        )}
        {matches && (
          <p role="status" className="text-sm font-medium">
            {matches.length === 0
              ? `None of the ${progress.state === 'done' ? progress.pools.length : 0} pools matches this token.`
              : `${matches.length} of ${progress.state === 'done' ? progress.pools.length : 0} pools match this token.`}
          </p>
        )}
      </div>
      {matches && matches.length > 0 && (
        <Table>
          <caption className="sr-only">Pools matching the token</caption>
          <thead>
            <tr>
              <Th>Pool</Th>
              <Th>Identity claim</Th>
              <Th>Identity</Th>
            </tr>
          </thead>
          <tbody>
            {matches.map(({ pool, identity }) => (
              <tr key={pool.id}>
                <Td>
                  <Link
                    to={paths.pool.getHref(providerId, pool.id)}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {pool.display_name}
                  </Link>
                </Td>
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
