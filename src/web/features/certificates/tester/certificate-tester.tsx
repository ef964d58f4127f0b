import { useMemo, useState, type ReactNode } from 'react';
import { evaluateFilter } from '#filter/evaluate.ts';
import {
  ConditionResults,
  FilterVerdict,
  UntestableFilterAlert,
} from '@/components/filter-editor/condition-results.tsx';
import {
  TestedIdentity,
  TesterPanel,
} from '@/components/filter-editor/tester-panel.tsx';
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
    <TesterPanel title="Test a client certificate" className={className}>
      <CertificateInput value={pem} onChange={setPem} decoded={decoded} />

      {evaluation && !evaluation.ok && (
        <UntestableFilterAlert problems={evaluation.problems} isPlain />
      )}

      {evaluation?.ok && (
        <FilterVerdict
          isPositive={matches && !refusal}
          headline={
            matches
              ? 'This certificate matches the filter.'
              : 'This certificate does not match the filter.'
          }
        >
          {refusal && matches && (
            <p className="text-sm">
              On its subject alone it matches, but Confluent refuses the
              certificate itself. {refusal}
            </p>
          )}
        </FilterVerdict>
      )}

      {/* An empty filter comes back as one false result whose note says that
          an empty filter matches no certificate: the list shows it. */}
      {evaluation?.ok && evaluation.conditions.length > 0 && (
        <ConditionResults conditions={evaluation.conditions} isPlain />
      )}

      {subject && (
        <TestedIdentity
          source={externalIdentifier}
          identity={
            identity !== undefined
              ? { ok: true, identity }
              : {
                  ok: false,
                  message: `The certificate’s subject has no ${externalIdentifier}.`,
                }
          }
        />
      )}

      {renderAccess &&
        matches &&
        renderAccess({ identity, ...(refusal && { refusal }) })}

      {decoded?.ok && <CertificateFacts decoded={decoded} now={now} />}
    </TesterPanel>
  );
}
