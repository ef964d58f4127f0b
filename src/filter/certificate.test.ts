import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  certificateFingerprint,
  decodeCertificate,
  type CertificateDecoding,
} from './certificate.ts';
import { CERTIFICATE_ATTRIBUTES } from './dialect.ts';
import { evaluateFilter } from './evaluate.ts';
import {
  makeCertificateAuthority,
  makeChain,
  makeClientCertificate,
  type SubjectSpec,
} from './testing/certificates.ts';

function decoded(result: CertificateDecoding) {
  if (!result.ok) throw new Error(result.error);
  return result;
}

test('a client certificate decodes to the subject a filter reads', async () => {
  const authority = await makeCertificateAuthority({
    subject: { C: 'DE', O: 'Acme', CN: 'Acme Issuing CA' },
  });
  const notBefore = new Date('2030-01-01T00:00:00Z');
  const notAfter = new Date('2031-01-01T00:00:00Z');
  const pem = await makeClientCertificate(authority, {
    subject: { C: 'DE', O: 'Acme', OU: 'payments', CN: 'orders-svc' },
    serialNumber: '00a1b2c3',
    notBefore,
    notAfter,
  });
  const certificate = decoded(decodeCertificate(pem));
  expect(certificate).toMatchObject({
    subject: { C: 'DE', O: 'Acme', OU: 'payments', CN: 'orders-svc' },
    repeated: {},
    subjectText: 'CN=orders-svc,OU=payments,O=Acme,C=DE',
    issuerText: 'CN=Acme Issuing CA,O=Acme,C=DE',
    serialNumber: 'a1b2c3',
    notBefore,
    notAfter,
    notices: [],
  });
  expect(
    evaluateFilter(
      'CN == "orders-svc" && OU in ["payments"]',
      certificate.subject,
      'certificate-pool',
    ),
  ).toMatchObject({ ok: true, matches: true });
});

test('every supported attribute is named by its RFC 4514 keyword', async () => {
  const subject = {
    C: 'DE',
    ST: 'Berlin',
    L: 'Berlin',
    STREET: 'Main St 1, Hof',
    O: 'Acme',
    OU: 'payments',
    DC: 'example',
    UID: 'u-42',
    CN: 'orders',
  };
  const authority = await makeCertificateAuthority();
  const certificate = decoded(
    decodeCertificate(await makeClientCertificate(authority, { subject })),
  );
  expect(certificate.subject).toEqual(subject);
  expect(Object.keys(certificate.subject).sort()).toEqual(
    [...CERTIFICATE_ATTRIBUTES].sort(),
  );
  // RFC 4514 escapes the comma inside a value.
  expect(certificate.subjectText).toBe(
    'CN=orders,UID=u-42,DC=example,OU=payments,O=Acme,STREET=Main St 1\\, Hof,L=Berlin,ST=Berlin,C=DE',
  );
});

test('a repeated attribute keeps its first value, and a notice says so', async () => {
  const authority = await makeCertificateAuthority();
  const pem = await makeClientCertificate(authority, {
    subject: { DC: ['com', 'example'], OU: ['payments', 'kafka'], CN: 'a' },
  });
  const certificate = decoded(decodeCertificate(pem));
  expect(certificate.subject).toEqual({ DC: 'com', OU: 'payments', CN: 'a' });
  expect(certificate.repeated).toEqual({
    DC: ['com', 'example'],
    OU: ['payments', 'kafka'],
  });
  expect(certificate.notices).toEqual([
    'The subject has 2 DC values ("com", "example"); filters here read the first, "com"',
    'The subject has 2 OU values ("payments", "kafka"); filters here read the first, "payments"',
  ]);
});

test('attributes outside the dialect stay in the DN text only', async () => {
  const authority = await makeCertificateAuthority();
  const pem = await makeClientCertificate(authority, {
    subject: { CN: 'a', E: 'ops@acme.example' },
  });
  const certificate = decoded(decodeCertificate(pem));
  expect(certificate.subject).toEqual({ CN: 'a' });
  expect(certificate.subjectText).toBe('E=ops@acme.example,CN=a');
});

test('a chain file gives its first certificate, with a notice', async () => {
  const chain = await makeChain(3, { O: 'Acme', CN: 'leaf' });
  expect(chain).toHaveLength(3);
  const certificate = decoded(decodeCertificate(chain.join('\n')));
  expect(certificate.subject).toEqual({ O: 'Acme', CN: 'leaf' });
  expect(certificate.issuerText).toBe(
    'CN=Lifeguard Test Intermediate 1,O=Lifeguard Tests',
  );
  expect(certificate.notices).toEqual([
    'The text holds 3 certificates; this is the first, which in a chain file is the client’s own',
  ]);
  const root = decoded(decodeCertificate(chain[2] ?? ''));
  expect(root.subjectText).toBe(root.issuerText);
});

test('text around the PEM block is ignored', async () => {
  const authority = await makeCertificateAuthority();
  const pem = await makeClientCertificate(authority, { subject: { CN: 'x' } });
  const withBagAttributes = `Bag Attributes\n    friendlyName: x\nsubject=CN=x\n${pem}\n`;
  expect(decoded(decodeCertificate(withBagAttributes)).subject).toEqual({
    CN: 'x',
  });
});

test('what is not a certificate is named in the error', async () => {
  const authority = await makeCertificateAuthority();
  const pem = await makeClientCertificate(authority);
  const body = pem.split('\n').slice(1, -2).join('\n');
  const cases: [string, string][] = [
    [
      'hello',
      'This is not a PEM certificate: paste the text from `-----BEGIN CERTIFICATE-----` to `-----END CERTIFICATE-----`',
    ],
    [
      body,
      'This is not a PEM certificate: paste the text from `-----BEGIN CERTIFICATE-----` to `-----END CERTIFICATE-----`',
    ],
    [
      `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`,
      'This is a private key, not a certificate. Never paste a private key into a web page; paste the client certificate (`-----BEGIN CERTIFICATE-----`)',
    ],
    [
      `-----BEGIN CERTIFICATE REQUEST-----\n${body}\n-----END CERTIFICATE REQUEST-----`,
      'This is a certificate signing request (CSR), not a certificate; paste the certificate the authority issued for it',
    ],
    [
      `-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----`,
      'This is a public key, not a certificate; paste the client certificate (`-----BEGIN CERTIFICATE-----`)',
    ],
    [
      '-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----',
      'The certificate’s base64 text is damaged (a character that is not base64, or missing characters); copy it again',
    ],
    [
      '-----BEGIN CERTIFICATE-----\nSGVsbG8sIHdvcmxkIQ==\n-----END CERTIFICATE-----',
      'The PEM block decodes, but its content is not an X.509 certificate',
    ],
    [
      pem.split('\n').slice(0, 4).join('\n'),
      'The certificate has no `-----END CERTIFICATE-----` line; paste all of it',
    ],
  ];
  for (const [input, error] of cases) {
    expect(decodeCertificate(input), input.slice(0, 40)).toEqual({
      ok: false,
      error,
    });
  }
});

test('the fingerprint is the DER’s digest in OpenSSL’s format', async () => {
  const authority = await makeCertificateAuthority();
  const certificate = decoded(
    decodeCertificate(await makeClientCertificate(authority)),
  );
  const sha1 = await certificateFingerprint(certificate.der, 'SHA-1');
  expect(sha1).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
  const sha256 = await certificateFingerprint(certificate.der);
  expect(sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
});

// Printable and non-ASCII text alike: the generator encodes a value as
// PrintableString when it can, UTF8String otherwise. DC is an IA5String
// (RFC 4519), which holds ASCII only.
const valueArb = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const asciiArb = fc.string({ unit: 'grapheme-ascii', minLength: 1 });

const subjectArb: fc.Arbitrary<SubjectSpec> = fc.record(
  Object.fromEntries(
    CERTIFICATE_ATTRIBUTES.map((attribute) => [
      attribute,
      attribute === 'DC' ? asciiArb : valueArb,
    ]),
  ) as Record<(typeof CERTIFICATE_ATTRIBUTES)[number], fc.Arbitrary<string>>,
  { requiredKeys: ['CN'] },
);

test('property: any subject generated decodes to the same attributes', async () => {
  const authority = await makeCertificateAuthority();
  await fc.assert(
    fc.asyncProperty(subjectArb, async (subject) => {
      const pem = await makeClientCertificate(authority, { subject });
      const certificate = decoded(decodeCertificate(pem));
      expect(certificate.subject).toEqual(subject);
      expect(certificate.notices).toEqual([]);
    }),
    { numRuns: 40 },
  );
});

test('property: decoding never throws', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: 'binary' }),
        fc
          .base64String({ maxLength: 400 })
          .map(
            (body) =>
              `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`,
          ),
      ),
      (input) => {
        const result = decodeCertificate(input);
        if (!result.ok) expect(result.error).not.toBe('');
      },
    ),
    { numRuns: 500 },
  );
});
