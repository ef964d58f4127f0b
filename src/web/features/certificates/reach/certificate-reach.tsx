import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { compileFilter } from '#filter/evaluate.ts';
import { ApiErrorView } from '@/components/errors/api-error-view.tsx';
import { WalkProgressView } from '@/components/ui/walk-progress.tsx';
import { certificatePaths } from '@/config/federation-paths.ts';
import type { WalkProgress } from '@/lib/paced-walk.ts';
import { allCertificatePoolsQuery } from '../api/all-pools.ts';
import type { CertificatePool } from '../api/pools.ts';
import { useMinuteClock } from '../authorities/use-minute-clock.ts';
import {
  CertificateFacts,
  CertificateInput,
  useDecodedCertificate,
  validityProblem,
} from '../tester/certificate-input.tsx';

/** A pool a certificate lands in, and the identity the pool takes from it. */
export type ReachedPool = {
  pool: CertificatePool;
  /** The value of the pool's external identifier, if the certificate has it. */
  identity: string | undefined;
};

/**
 * Which certificate pools of an authority a client certificate reaches:
 * every pool is read (at the API budget's pace) and its filter evaluated
 * against the certificate's subject in the browser. The certificate is
 * never sent anywhere. `renderAccess` (composed by the route) says what
 * the pools it reaches may do.
 */
export function CertificateReach({
  caId,
  renderAccess,
}: {
  caId: string;
  renderAccess?: (reached: ReachedPool[], refusal?: string) => ReactNode;
}) {
  const titleId = useId();
  const [pem, setPem] = useState('');
  const decoded = useDecodedCertificate(pem);
  const now = useMinuteClock();
  const [progress, setProgress] = useState<WalkProgress>();
  const subject = decoded?.ok ? decoded.subject : undefined;
  const every = useQuery({
    ...allCertificatePoolsQuery(caId, setProgress),
    enabled: subject !== undefined,
  });
  const evaluated = useMemo(
    () =>
      subject &&
      every.data?.map((pool) => ({
        pool,
        evaluation: compileFilter(pool.filter, 'certificate-pool')(subject),
      })),
    [subject, every.data],
  );
  const reached = useMemo<ReachedPool[] | undefined>(
    () =>
      evaluated
        ?.filter(({ evaluation }) => evaluation.ok && evaluation.matches)
        .map(({ pool }) => ({
          pool,
          identity: (subject as Record<string, string | undefined>)[
            pool.external_identifier
          ],
        })),
    [evaluated, subject],
  );
  const invalid = evaluated?.filter(({ evaluation }) => !evaluation.ok) ?? [];
  const refusal = decoded?.ok ? validityProblem(decoded, now) : undefined;

  return (
    <section aria-labelledby={titleId} className="grid gap-4">
      <div>
        <h2 id={titleId} className="text-lg font-semibold">
          Which pools does a certificate reach?
        </h2>
        <p className="text-sm text-slate-700">
          Every certificate pool of this authority whose filter matches the
          certificate’s subject, and what it may then do. Confluent applies them
          all.
        </p>
      </div>
      <div className="grid max-w-2xl gap-3">
        <CertificateInput value={pem} onChange={setPem} decoded={decoded} />
      </div>
      {subject !== undefined && (
        <div className="grid gap-3" aria-live="polite">
          {every.isError && every.data === undefined ? (
            <ApiErrorView
              error={every.error}
              onRetry={() => void every.refetch()}
              backHref={certificatePaths.authority.getHref(caId)}
              backLabel="Back to the certificate authority"
            />
          ) : reached === undefined ? (
            <WalkProgressView
              progress={progress ?? { fetched: 0, total: undefined }}
              noun="certificate pools"
              hasBar
            />
          ) : (
            <>
              <p role="status" className="font-semibold">
                {reached.length === 0
                  ? `It reaches none of the ${every.data?.length ?? 0} certificate pools of this authority.`
                  : `It reaches ${reached.length} of the ${every.data?.length ?? 0} certificate pools of this authority.`}
              </p>
              {refusal && (
                <p className="text-sm font-medium text-red-800">{refusal}</p>
              )}
              {reached.length > 0 && (
                <ul
                  aria-label="Pools it reaches"
                  className="grid gap-1 text-sm"
                >
                  {reached.map(({ pool, identity }) => (
                    <li key={pool.id}>
                      <Link
                        to={certificatePaths.pool.getHref(caId, pool.id)}
                        className="font-medium text-brand-700 hover:underline"
                      >
                        {pool.display_name}
                      </Link>{' '}
                      <code className="font-mono text-xs">{pool.id}</code>
                      {': as '}
                      {identity === undefined ? (
                        <span className="text-red-800">
                          (no {pool.external_identifier} in the subject)
                        </span>
                      ) : (
                        <code className="font-mono text-xs">{identity}</code>
                      )}{' '}
                      ({pool.external_identifier})
                    </li>
                  ))}
                </ul>
              )}
              {invalid.length > 0 && (
                <p className="text-sm text-amber-900">
                  {invalid.length === 1
                    ? 'One pool’s filter'
                    : `${invalid.length} pools’ filters`}{' '}
                  could not be evaluated here (
                  {invalid.map(({ pool }) => pool.display_name).join(', ')}):
                  check {invalid.length === 1 ? 'it' : 'them'} on the pool’s
                  page.
                </p>
              )}
              {renderAccess?.(reached, refusal)}
            </>
          )}
        </div>
      )}
      {decoded?.ok && <CertificateFacts decoded={decoded} now={now} />}
    </section>
  );
}
