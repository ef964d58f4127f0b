import { expect, test } from 'vitest';
import {
  makeCertificateAuthority,
  makeChain,
  makeClientCertificate,
} from '#filter/testing/certificates.ts';
import { checkCrl, parseCertificateChain } from './certificate-chain.ts';
import {
  makeCertificateWithoutConstraints,
  makeCrl,
  makeIntermediateAuthority,
  privateKeyPem,
  serialNumberOf,
  sha1Fingerprint,
} from './testing/certificates.ts';

async function rootAndIntermediate() {
  const root = await makeCertificateAuthority({
    subject: { O: 'Acme', CN: 'Acme Root' },
  });
  const intermediate = await makeIntermediateAuthority(root, {
    subject: { O: 'Acme', CN: 'Acme Issuing' },
  });
  return { root, intermediate };
}

function detail(result: ReturnType<typeof parseCertificateChain>): string {
  if (result.ok) throw new Error('expected a refusal');
  return result.detail;
}

test('a root and an intermediate: each reported with its SHA-1 fingerprint, hex serial and expiry, in chain order', async () => {
  const { root, intermediate } = await rootAndIntermediate();
  const notAfter = new Date(Date.UTC(2055, 0, 31, 12, 0, 0));
  const longLived = await makeCertificateAuthority({
    subject: { CN: 'Long lived' },
    serialNumber: '00ab01',
    notAfter,
  });
  const parsed = parseCertificateChain(
    [intermediate.pem, root.pem, longLived.pem].join('\n'),
  );
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.value.certificates).toEqual([
    {
      fingerprint: sha1Fingerprint(intermediate.pem),
      serialNumber: serialNumberOf(intermediate.pem),
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    },
    expect.objectContaining({ fingerprint: sha1Fingerprint(root.pem) }),
    {
      fingerprint: expect.stringMatching(/^[0-9A-F]{40}$/),
      serialNumber: 'AB01',
      expiresAt: '2055-01-31T12:00:00Z',
    },
  ]);
});

test('text around the PEM blocks is ignored, as OpenSSL ignores it', async () => {
  const { root } = await rootAndIntermediate();
  const parsed = parseCertificateChain(
    `subject=CN = Acme Root\nissuer=CN = Acme Root\n${root.pem}\n\n`,
  );
  expect(parsed.ok).toBe(true);
});

test('a distribution point named in the chain is found, for the service to fill in', async () => {
  const root = await makeCertificateAuthority();
  const issuing = await makeIntermediateAuthority(root, {
    crlDistributionPoint: 'http://pki.example.com/root.crl',
  });
  const parsed = parseCertificateChain(`${issuing.pem}\n${root.pem}`);
  expect(parsed.ok && parsed.value.distributionPoint).toBe(
    'http://pki.example.com/root.crl',
  );
});

test('an expired CA certificate is accepted; its date is reported', async () => {
  const expired = await makeCertificateAuthority({
    notBefore: new Date(Date.UTC(2015, 0, 1)),
    notAfter: new Date(Date.UTC(2020, 0, 1)),
  });
  const parsed = parseCertificateChain(expired.pem);
  expect(parsed.ok && parsed.value.certificates[0]?.expiresAt).toBe(
    '2020-01-01T00:00:00Z',
  );
});

test('refusals name what is wrong: not PEM, bad base64, garbage in a block, a key, no END line', async () => {
  const { root } = await rootAndIntermediate();
  expect(detail(parseCertificateChain('not a certificate'))).toMatch(
    /certificate_chain is not PEM/,
  );
  expect(detail(parseCertificateChain(''))).toMatch(/is not PEM/);
  expect(
    detail(
      parseCertificateChain(
        '-----BEGIN CERTIFICATE-----\n%%%%\n-----END CERTIFICATE-----',
      ),
    ),
  ).toMatch(/PEM block 1 \(CERTIFICATE\) does not hold base64 text/);
  expect(
    detail(
      parseCertificateChain(
        `${root.pem}\n-----BEGIN CERTIFICATE-----\nR2FyYmFnZSE=\n-----END CERTIFICATE-----`,
      ),
    ),
  ).toMatch(/certificate 2 is not a valid X\.509 certificate/);
  expect(detail(parseCertificateChain(await privateKeyPem(root)))).toMatch(
    /PEM block 1 is a PRIVATE KEY, not a CERTIFICATE.*never be uploaded/,
  );
  expect(detail(parseCertificateChain(root.pem.slice(0, -30)))).toMatch(
    /no matching -----END/,
  );
});

test('a certificate that is not a CA is refused: CA:FALSE, or no basicConstraints', async () => {
  const { root, intermediate } = await rootAndIntermediate();
  const leaf = await makeClientCertificate(intermediate, {
    subject: { CN: 'orders-1' },
  });
  expect(
    detail(parseCertificateChain([intermediate.pem, leaf].join('\n'))),
  ).toMatch(/certificate 2 \(CN=orders-1\) is not a CA certificate/);
  const unconstrained = await makeCertificateWithoutConstraints(root);
  expect(detail(parseCertificateChain(unconstrained))).toMatch(
    /certificate 1 \(CN=unconstrained\) is not a CA certificate/,
  );
  // The filter module's chains start with a client certificate.
  const [client = '', ...authorities] = await makeChain(3);
  expect(detail(parseCertificateChain(client))).toMatch(/not a CA/);
  expect(parseCertificateChain(authorities.join('\n')).ok).toBe(true);
});

test('four certificates are accepted, five are not', async () => {
  const [, ...five] = await makeChain(6);
  expect(parseCertificateChain(five.slice(0, 4).join('\n')).ok).toBe(true);
  expect(detail(parseCertificateChain(five.join('\n')))).toMatch(
    /holds 5 certificates; a certificate authority takes at most 4/,
  );
});

test('a CRL issued by a CA of the chain is accepted; another issuer, a non-CRL or garbage is not', async () => {
  const { root, intermediate } = await rootAndIntermediate();
  const parsed = parseCertificateChain(`${intermediate.pem}\n${root.pem}`);
  if (!parsed.ok) throw new Error(parsed.detail);
  const chain = parsed.value;
  expect(checkCrl(await makeCrl(intermediate), chain)).toEqual({
    ok: true,
    value: null,
  });
  expect(
    checkCrl(
      (await makeCrl(root)).replaceAll(' CRL-----', ' X509 CRL-----'),
      chain,
    ).ok,
  ).toBe(true);
  const stranger = await makeCertificateAuthority({ subject: { CN: 'Other' } });
  const refusal = (pem: string) => {
    const result = checkCrl(pem, chain);
    return result.ok ? '' : result.detail;
  };
  expect(refusal(await makeCrl(stranger))).toMatch(
    /CRL 1 was not issued by a certificate authority of the chain/,
  );
  expect(refusal(root.pem)).toMatch(
    /PEM block 1 is a CERTIFICATE, not an X509 CRL/,
  );
  expect(
    refusal('-----BEGIN X509 CRL-----\nR2FyYmFnZSE=\n-----END X509 CRL-----'),
  ).toMatch(/CRL 1 is not a valid X\.509 certificate revocation list/);
  expect(refusal('revoked: none')).toMatch(/crl_chain is not PEM/);
});
