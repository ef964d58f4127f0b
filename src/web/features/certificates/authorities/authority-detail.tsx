import { useId } from 'react';
import { CopyButton } from '@/components/ui/copy-button.tsx';
import {
  DetailList,
  DetailListSkeleton,
  metadataItems,
  nameItems,
} from '@/components/ui/detail-list.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import type { CertificateAuthority } from '../api/authorities.ts';
import {
  chainCertificates,
  crlSummaryOf,
  formatFingerprint,
  formatSerialNumber,
} from './chain-facts.ts';
import { ExpiryBadge } from './expiry-badge.tsx';
import { useMinuteClock } from './use-minute-clock.ts';

/** The registered chain, one row per certificate, for comparing with openssl. */
export function ChainTable({ authority }: { authority: CertificateAuthority }) {
  const now = useMinuteClock();
  const titleId = useId();
  const certificates = chainCertificates(authority);
  return (
    <section aria-labelledby={titleId} className="grid gap-2">
      <div>
        <h2 id={titleId} className="text-lg font-semibold">
          Certificate chain
        </h2>
        <p className="text-sm text-slate-700">
          Confluent never returns the chain itself, only these facts about each
          certificate, in the order it lists them. Compare them with your file:{' '}
          <code className="text-xs">
            openssl x509 -in &lt;file&gt; -noout -serial -fingerprint -sha1
            -enddate
          </code>{' '}
          (it reads the file’s first certificate).
        </p>
      </div>
      <Table>
        <caption className="sr-only">Certificates of the chain</caption>
        <thead>
          <tr>
            <Th>#</Th>
            <Th>Serial number</Th>
            <Th>SHA-1 fingerprint</Th>
            <Th>Expires</Th>
          </tr>
        </thead>
        <tbody>
          {certificates.map((certificate) => {
            const fingerprint =
              certificate.fingerprint &&
              formatFingerprint(certificate.fingerprint);
            const serial =
              certificate.serialNumber &&
              formatSerialNumber(certificate.serialNumber);
            return (
              <tr key={certificate.position}>
                <Th scope="row">{certificate.position}</Th>
                <Td>
                  {serial ? (
                    <span className="flex items-center gap-1">
                      <code className="font-mono text-xs break-all">
                        {serial}
                      </code>
                      <CopyButton
                        value={serial}
                        label={`serial number of certificate ${certificate.position}`}
                      />
                    </span>
                  ) : (
                    <span className="text-slate-600 italic">Not reported</span>
                  )}
                </Td>
                <Td>
                  {fingerprint ? (
                    <span className="flex items-center gap-1">
                      <code className="font-mono text-xs break-all">
                        {fingerprint}
                      </code>
                      <CopyButton
                        value={fingerprint}
                        label={`SHA-1 fingerprint of certificate ${certificate.position}`}
                      />
                    </span>
                  ) : (
                    <span className="text-slate-600 italic">Not reported</span>
                  )}
                </Td>
                <Td>
                  <ExpiryBadge expiresAt={certificate.expiresAt} now={now} />
                </Td>
              </tr>
            );
          })}
          {certificates.length === 0 && (
            <tr>
              <Td colSpan={4} isMessage>
                Confluent reported no certificates for this chain.
              </Td>
            </tr>
          )}
        </tbody>
      </Table>
    </section>
  );
}

/** Every field of an authority but its chain's certificates (see ChainTable). */
export function AuthorityDetail({
  authority,
}: {
  authority: CertificateAuthority;
}) {
  const crl = crlSummaryOf(authority);
  return (
    <DetailList
      items={[
        ...nameItems(authority, 'certificate authority id'),
        {
          term: 'Chain file name',
          description: authority.certificate_chain_filename && (
            <code className="font-mono">
              {authority.certificate_chain_filename}
            </code>
          ),
          empty: 'Not reported',
        },
        {
          term: 'Revocation list (CRL)',
          description:
            crl.kind === 'none' ? (
              <span className="text-slate-600 italic">None configured</span>
            ) : crl.kind === 'uploaded' ? (
              'An uploaded file'
            ) : (
              <span className="flex items-center gap-2">
                <code className="font-mono break-all">{crl.url}</code>
                <CopyButton value={crl.url} label="CRL URL" />
              </span>
            ),
        },
        {
          term: 'CRL source',
          description: authority.crl_source,
          empty: 'Not reported',
        },
        {
          term: 'CRL updated',
          description: authority.crl_updated_at && (
            <RelativeTime value={authority.crl_updated_at} />
          ),
          empty: 'Not reported',
        },
        {
          term: 'CRL required on client certificates',
          description: authority.require_crl_on_client_certificate
            ? 'Yes: a client certificate is refused when its revocation cannot be checked'
            : 'No',
        },
        { term: 'State', description: authority.state },
        ...metadataItems(authority.metadata),
      ]}
    />
  );
}

export function AuthorityDetailSkeleton() {
  return <DetailListSkeleton rows={11} />;
}
