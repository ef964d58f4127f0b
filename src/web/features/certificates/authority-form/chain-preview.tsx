import { useEffect, useId, useState } from 'react';
import { Table, Td, Th } from '@/components/ui/table.tsx';
import { ExpiryBadge } from '../authorities/expiry-badge.tsx';
import { useMinuteClock } from '../authorities/use-minute-clock.ts';
import { describeChain, type ChainEntry } from './describe-chain.ts';

/**
 * What the admin is about to register, decoded in the browser: each
 * certificate's subject, issuer, expiry, serial and SHA-1 fingerprint (the
 * values Confluent will report), so a wrong file is seen before it is
 * sent. Whether each is a CA certificate is Confluent's to check. Says
 * nothing for text that is not a chain yet.
 */
export function ChainPreview({ pem }: { pem: string }) {
  const titleId = useId();
  const now = useMinuteClock();
  const [entries, setEntries] = useState<{
    pem: string;
    entries: ChainEntry[];
  }>();
  useEffect(() => {
    let isCurrent = true;
    void describeChain(pem).then((described) => {
      if (isCurrent) setEntries({ pem, entries: described });
    });
    return () => {
      isCurrent = false;
    };
  }, [pem]);
  const shown = entries?.pem === pem ? entries.entries : undefined;
  if (!shown || shown.length === 0) return null;
  return (
    <section aria-labelledby={titleId} className="grid gap-2">
      <h2 id={titleId} className="text-sm font-semibold">
        {shown.length === 1
          ? 'The chain holds 1 certificate'
          : `The chain holds ${shown.length} certificates`}
      </h2>
      <Table>
        <caption className="sr-only">
          Certificates about to be registered
        </caption>
        <thead>
          <tr>
            <Th>#</Th>
            <Th>Subject and issuer</Th>
            <Th>Expires</Th>
            <Th>Serial and SHA-1 fingerprint</Th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => (
            <tr key={entry.position}>
              <Th scope="row">{entry.position}</Th>
              <Td>
                {entry.subject === undefined ? (
                  <span className="text-slate-600 italic">
                    Not decoded in this browser
                  </span>
                ) : (
                  <>
                    <code className="block font-mono text-xs break-all">
                      {entry.subject}
                    </code>
                    {entry.issuer !== undefined && (
                      <span className="mt-0.5 block text-xs text-slate-600">
                        Issued by{' '}
                        {entry.issuer === entry.subject ? (
                          'itself (a root)'
                        ) : (
                          <code className="font-mono break-all">
                            {entry.issuer}
                          </code>
                        )}
                      </span>
                    )}
                  </>
                )}
                {entry.problem && (
                  <span className="mt-1 block text-xs font-semibold text-red-800">
                    {entry.problem}
                  </span>
                )}
              </Td>
              <Td className="whitespace-nowrap">
                {entry.expiresAt === undefined ? (
                  '—'
                ) : (
                  <ExpiryBadge expiresAt={entry.expiresAt} now={now} />
                )}
              </Td>
              <Td>
                {entry.serialNumber && (
                  <code className="block font-mono text-xs break-all">
                    {entry.serialNumber}
                  </code>
                )}
                <code className="block font-mono text-xs break-all">
                  {entry.fingerprint ?? '—'}
                </code>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}
