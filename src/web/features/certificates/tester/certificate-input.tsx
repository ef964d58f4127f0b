import { useEffect, useId, useMemo, useState } from 'react';
import {
  decodeCertificate,
  type CertificateDecoding,
} from '#filter/certificate.ts';
import {
  FieldDescription,
  FieldError,
  FieldLabel,
} from '@/components/ui/field.tsx';
import { Textarea } from '@/components/ui/input.tsx';
import { formatAbsolute } from '@/components/ui/relative-time.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { PemFileInput } from '../authority-form/pem-file-input.tsx';
import { sha1Fingerprint } from '../authority-form/pem.ts';

/** A pasted certificate, decoded; undefined while nothing is pasted. */
export function useDecodedCertificate(
  pem: string,
): CertificateDecoding | undefined {
  return useMemo(
    () => (pem.trim() ? decodeCertificate(pem) : undefined),
    [pem],
  );
}

/** Why Confluent would refuse the certificate before any filter runs, if it would. */
export function validityProblem(
  decoded: { notBefore: Date; notAfter: Date },
  now: number,
): string | undefined {
  if (decoded.notAfter.getTime() <= now) {
    return `It expired on ${formatAbsolute(decoded.notAfter.toISOString())}: Confluent refuses it in the TLS handshake, whatever the filter says.`;
  }
  if (decoded.notBefore.getTime() > now) {
    return `It is not valid before ${formatAbsolute(decoded.notBefore.toISOString())}: until then Confluent refuses it, whatever the filter says.`;
  }
  return undefined;
}

function useSha1(der: Uint8Array | undefined) {
  const [result, setResult] = useState<{ der: Uint8Array; value?: string }>();
  useEffect(() => {
    if (der === undefined) return;
    let isCurrent = true;
    void sha1Fingerprint(der).then((value) => {
      if (isCurrent) setResult({ der, value });
    });
    return () => {
      isCurrent = false;
    };
  }, [der]);
  return result !== undefined && result.der === der ? result.value : undefined;
}

/**
 * Where a client certificate is pasted or picked, decoded in the browser:
 * never sent to Lifeguard's server nor stored. Shows its subject
 * attributes (what a filter reads) and who issued it.
 */
export function CertificateInput({
  value,
  onChange,
  decoded,
}: {
  value: string;
  onChange: (pem: string) => void;
  decoded: CertificateDecoding | undefined;
}) {
  const inputId = useId();
  const helpId = useId();
  const errorId = useId();
  const isInvalid = decoded !== undefined && !decoded.ok;
  return (
    <div className="grid gap-3">
      <PemFileInput
        label="Client certificate file (.pem, .crt)"
        accept=".pem,.crt,.cer"
        pemLabel="CERTIFICATE"
        onRead={({ text }) => onChange(text)}
      />
      <div className="grid gap-1.5">
        <FieldLabel htmlFor={inputId}>Client certificate (PEM)</FieldLabel>
        <Textarea
          id={inputId}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder={
            '-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----'
          }
          spellCheck={false}
          autoComplete="off"
          rows={5}
          aria-describedby={`${helpId}${isInvalid ? ` ${errorId}` : ''}`}
          aria-invalid={isInvalid}
          className="text-xs"
        />
        <FieldDescription id={helpId}>
          Paste or pick the client’s certificate (never its private key). It is
          decoded in your browser and never sent to Lifeguard’s server or
          stored.
        </FieldDescription>
        {decoded && !decoded.ok && (
          <FieldError id={errorId}>
            {decoded.error.replace(/`/g, '')}
          </FieldError>
        )}
      </div>
    </div>
  );
}

/** The decoded certificate's subject attributes and its issuer. */
export function CertificateFacts({
  decoded,
  now,
}: {
  decoded: Extract<CertificateDecoding, { ok: true }>;
  now: number;
}) {
  const fingerprint = useSha1(decoded.der);
  const attributes = Object.entries(decoded.subject);
  const problem = validityProblem(decoded, now);
  return (
    <div className="grid gap-3 text-sm">
      <Table>
        <caption className="px-3 py-2 text-left text-sm font-semibold">
          Subject attributes the filter reads
        </caption>
        <thead>
          <tr>
            <Th>Attribute</Th>
            <Th>Value</Th>
          </tr>
        </thead>
        <tbody>
          {attributes.map(([attribute, value]) => (
            <tr key={attribute}>
              <Th scope="row">
                <code className="font-mono">{attribute}</code>
              </Th>
              <Td>
                <code className="font-mono text-xs break-all">{value}</code>
              </Td>
            </tr>
          ))}
          {attributes.length === 0 && (
            <tr>
              <Td colSpan={2} isMessage>
                The subject has none of the attributes a filter can read.
              </Td>
            </tr>
          )}
        </tbody>
      </Table>
      {decoded.notices.map((notice) => (
        <p key={notice} className="text-amber-900">
          {notice.replace(/`/g, '')}.
        </p>
      ))}
      {problem && <p className="font-medium text-red-800">{problem}</p>}
      <dl className="grid gap-1">
        <div>
          <dt className="inline font-medium">Subject: </dt>
          <dd className="inline">
            <code className="font-mono text-xs break-all">
              {decoded.subjectText}
            </code>
          </dd>
        </div>
        <div>
          <dt className="inline font-medium">Issuer: </dt>
          <dd className="inline">
            <code className="font-mono text-xs break-all">
              {decoded.issuerText}
            </code>
          </dd>
        </div>
        <div>
          <dt className="inline font-medium">Serial number: </dt>
          <dd className="inline">
            <code className="font-mono text-xs break-all">
              {decoded.serialNumber.toUpperCase()}
            </code>
          </dd>
        </div>
        {fingerprint && (
          <div>
            <dt className="inline font-medium">SHA-1 fingerprint: </dt>
            <dd className="inline">
              <code className="font-mono text-xs break-all">{fingerprint}</code>
            </dd>
          </div>
        )}
      </dl>
      <p className="text-slate-700">
        Confluent accepts only certificates that this authority’s chain issued,
        and never shows the chain back, so Lifeguard cannot check the issuer for
        you: compare it with the subjects of your chain file. The signature is
        not checked here either; this shows what the filter would read.
      </p>
    </div>
  );
}
