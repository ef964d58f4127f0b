import { useId, useMemo, useState, type ReactNode } from 'react';
import { evaluateFilter } from '#filter/evaluate.ts';
import { Alert } from '@/components/ui/alert.tsx';
import { cn } from '@/lib/cn.ts';
import { useMinuteClock } from '../authorities/use-minute-clock.ts';
import {
  CertificateFacts,
  CertificateInput,
  useDecodedCertificate,
  validityProblem,
} from './certificate-input.tsx';

/** A certificate that lands in the pool, as the access view beside the tester reads it. */
export type CertificateLanding = {
  /** The pool's external identifier's value, if the certificate has it. */
  identity: string | undefined;
  /** Set when Confluent refuses the certificate before any filter runs: why. */
  refusal?: string;
};

const MARK = { true: '✓', false: '✗', error: '!' } as const;
const MARK_LABEL = {
  true: 'passes',
  false: 'fails',
  error: 'cannot be decided',
} as const;

/**
 * Checks a client certificate against a certificate pool's filter in the
 * browser: its subject attributes, the verdict and each condition's
 * result, and the identity its external identifier gives. The certificate
 * stays in this component's state; it is never sent anywhere or stored.
 */
export function CertificateTester({
  filter,
  externalIdentifier,
  className,
  pem: controlledPem,
  onPemChange,
  renderAccess,
}: {
  filter: string;
  externalIdentifier: string;
  className?: string;
  /** Controlled certificate text, when the caller shares it (with the editor). */
  pem?: string;
  onPemChange?: (pem: string) => void;
  /** What a matching certificate may then do (composed by the route). */
  renderAccess?: (landing: CertificateLanding) => ReactNode;
}) {
  const titleId = useId();
  const [ownPem, setOwnPem] = useState('');
  const pem = controlledPem ?? ownPem;
  const setPem = onPemChange ?? setOwnPem;
  const decoded = useDecodedCertificate(pem);
  const now = useMinuteClock();
  const subject = decoded?.ok ? decoded.subject : undefined;
  const evaluation = useMemo(
    () =>
      subject ? evaluateFilter(filter, subject, 'certificate-pool') : undefined,
    [filter, subject],
  );
  const refusal = decoded?.ok ? validityProblem(decoded, now) : undefined;
  const identity =
    subject &&
    (subject as Record<string, string | undefined>)[externalIdentifier];
  const matches = evaluation?.ok === true && evaluation.matches;

  return (
    <section
      aria-labelledby={titleId}
      className={cn(
        'grid gap-3 rounded-lg border border-slate-200 bg-white p-4',
        className,
      )}
    >
      <h2 id={titleId} className="text-lg font-semibold">
        Test a client certificate
      </h2>
      <CertificateInput value={pem} onChange={setPem} decoded={decoded} />

      {evaluation && !evaluation.ok && (
        <Alert tone="warning">
          The filter has errors, so it cannot be tested yet:{' '}
          {evaluation.problems[0]?.message.replace(/`/g, '')}
        </Alert>
      )}

      {evaluation?.ok && (
        <div
          role="status"
          className={cn(
            'grid gap-1 rounded-md px-3 py-2',
            matches && !refusal
              ? 'bg-green-50 text-green-900'
              : 'bg-red-50 text-red-900',
          )}
        >
          <p className="font-semibold">
            {matches
              ? 'This certificate matches the filter.'
              : 'This certificate does not match the filter.'}
          </p>
          {filter.trim() === '' && (
            <p className="text-sm">
              The filter is empty, and an empty filter matches no certificate.
            </p>
          )}
          {refusal && matches && (
            <p className="text-sm">
              On its subject alone it matches, but Confluent refuses the
              certificate itself. {refusal}
            </p>
          )}
        </div>
      )}

      {evaluation?.ok && evaluation.conditions.length > 0 && (
        <ul aria-label="Conditions" className="grid gap-1">
          {evaluation.conditions.map((condition) => (
            <li
              key={`${condition.from}-${condition.to}`}
              className="flex gap-2 text-sm"
            >
              <span
                aria-hidden="true"
                className={cn(
                  'w-4 shrink-0 text-center font-bold',
                  condition.result === 'true'
                    ? 'text-green-800'
                    : 'text-red-800',
                )}
              >
                {MARK[condition.result]}
              </span>
              <span className="min-w-0">
                <code className="font-mono text-xs break-all">
                  {condition.text}
                </code>
                <span className="sr-only"> {MARK_LABEL[condition.result]}</span>
                {condition.result === 'error' && (
                  <span className="block text-xs text-slate-700">
                    {condition.error.replace(/`/g, '')}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}

      {subject && (
        <p className="text-sm">
          <span className="font-medium">
            Identity in audit logs ({externalIdentifier}):{' '}
          </span>
          {identity !== undefined ? (
            <code className="font-mono break-all">{identity}</code>
          ) : (
            <span className="text-red-800">
              The certificate’s subject has no {externalIdentifier}.
            </span>
          )}
        </p>
      )}

      {renderAccess &&
        matches &&
        renderAccess({ identity, ...(refusal && { refusal }) })}

      {decoded?.ok && <CertificateFacts decoded={decoded} now={now} />}
    </section>
  );
}
