// @peculiar/x509 resolves its services through tsyringe, which needs the
// Reflect metadata API before the library loads; this import must stay first.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import type { CertificateAttribute } from '../dialect.ts';

/**
 * Real X.509 certificates for tests, made with Web Crypto (Node 20's
 * `globalThis.crypto` or a browser's): a certificate authority, client
 * certificates it signs, and chains. Every function returns PEM text, so
 * emulator, component and e2e tests can paste what a person would. Keys
 * are ECDSA P-256, quick to make; nothing here is for production use.
 */

/**
 * A subject, attribute by attribute, in the order the certificate encodes
 * them (the RDN sequence, most significant first: `C`, `O`, `OU`, `CN`).
 * A list gives the attribute once per value, each in its own RDN.
 */
export type SubjectSpec = Partial<
  Record<CertificateAttribute | 'E' | 'SERIALNUMBER', string | string[]>
>;

/** A certificate authority that can sign client certificates. */
export type CertificateAuthority = {
  /** The authority's self-signed certificate, PEM. */
  pem: string;
  /** Its subject as RFC 4514 text, e.g. `CN=Test CA,O=Acme`. */
  subjectText: string;
  name: x509.Name;
  keys: CryptoKeyPair;
};

/** What a certificate may say beyond its subject. */
export type CertificateOptions = {
  subject?: SubjectSpec;
  /** Hex; random when left out. */
  serialNumber?: string;
  notBefore?: Date;
  notAfter?: Date;
};

// The OIDs @peculiar/x509 has no short name for.
const OIDS: Readonly<Record<string, string>> = {
  STREET: '2.5.4.9',
  UID: '0.9.2342.19200300.100.1.1',
  SERIALNUMBER: '2.5.4.5',
};

const ALGORITHM: EcKeyGenParams & EcdsaParams = {
  name: 'ECDSA',
  namedCurve: 'P-256',
  hash: 'SHA-256',
};

const DAY = 24 * 60 * 60 * 1000;

function useWebCrypto(): void {
  // Set on first use rather than at import: importing does no work
  // (docs/conventions.md §4).
  x509.cryptoProvider.set(globalThis.crypto);
}

function generateKeys(): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(ALGORITHM, true, [
    'sign',
    'verify',
  ]);
}

// Attributes RFC 4519 and PKCS #9 define as IA5String (ASCII only).
const IA5_ATTRIBUTES: ReadonlySet<string> = new Set(['DC', 'E']);

/**
 * A subject as @peculiar/x509's JSON name: one RDN per value, in order.
 * Values go in as typed strings, not text, so the library reads no RFC 4514
 * escapes (`\`, a leading `#`) into them: what a test writes is what the
 * certificate holds.
 */
export function subjectName(subject: SubjectSpec): x509.Name {
  const rdns: Record<string, { [encoding: string]: string }[]>[] = [];
  for (const [attribute, values] of Object.entries(subject)) {
    if (values === undefined) continue;
    const type = OIDS[attribute] ?? attribute;
    for (const value of typeof values === 'string' ? [values] : values) {
      rdns.push({ [type]: [encodedValue(attribute, value)] });
    }
  }
  return new x509.Name(rdns);
}

function encodedValue(
  attribute: string,
  value: string,
): { [encoding: string]: string } {
  if (IA5_ATTRIBUTES.has(attribute)) return { ia5String: value };
  return x509.Name.isPrintableString(value)
    ? { printableString: value }
    : { utf8String: value };
}

/** A self-signed certificate authority (CA basic constraint, cert signing). */
export async function makeCertificateAuthority({
  subject = { O: 'Lifeguard Tests', CN: 'Lifeguard Test CA' },
  ...options
}: CertificateOptions = {}): Promise<CertificateAuthority> {
  useWebCrypto();
  const keys = await generateKeys();
  const name = subjectName(subject);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys,
    signingAlgorithm: ALGORITHM,
    ...validity(options),
    extensions: authorityExtensions(),
  });
  return {
    pem: certificate.toString('pem'),
    subjectText: name.toString(),
    name,
    keys,
  };
}

/** A client certificate with `subject`, signed by `authority`; PEM. */
export async function makeClientCertificate(
  authority: CertificateAuthority,
  { subject = { CN: 'client' }, ...options }: CertificateOptions = {},
): Promise<string> {
  useWebCrypto();
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.create({
    subject: subjectName(subject),
    issuer: authority.name,
    publicKey: keys.publicKey,
    signingKey: authority.keys.privateKey,
    signingAlgorithm: ALGORITHM,
    ...validity(options),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
    ],
  });
  return certificate.toString('pem');
}

/**
 * A chain of `depth` certificates, leaf first, as a chain file lists them:
 * a client certificate, then `depth - 2` intermediate authorities, then the
 * root (depth 1 is a lone self-signed root). Each is PEM.
 */
export async function makeChain(
  depth: number,
  leafSubject: SubjectSpec = { CN: 'chain-client' },
): Promise<string[]> {
  if (!Number.isInteger(depth) || depth < 1) {
    throw new RangeError('A chain has at least one certificate');
  }
  const root = await makeCertificateAuthority({
    subject: { O: 'Lifeguard Tests', CN: 'Lifeguard Test Root' },
  });
  if (depth === 1) return [root.pem];
  const authorities = [root];
  for (let level = 1; level < depth - 1; level++) {
    const parent = authorities[authorities.length - 1] ?? root;
    authorities.push(await makeIntermediate(parent, level));
  }
  const issuer = authorities[authorities.length - 1] ?? root;
  const leaf = await makeClientCertificate(issuer, { subject: leafSubject });
  return [leaf, ...authorities.reverse().map((authority) => authority.pem)];
}

async function makeIntermediate(
  parent: CertificateAuthority,
  level: number,
): Promise<CertificateAuthority> {
  const keys = await generateKeys();
  const name = subjectName({
    O: 'Lifeguard Tests',
    CN: `Lifeguard Test Intermediate ${level}`,
  });
  const certificate = await x509.X509CertificateGenerator.create({
    subject: name,
    issuer: parent.name,
    publicKey: keys.publicKey,
    signingKey: parent.keys.privateKey,
    signingAlgorithm: ALGORITHM,
    ...validity({}),
    extensions: authorityExtensions(),
  });
  return {
    pem: certificate.toString('pem'),
    subjectText: name.toString(),
    name,
    keys,
  };
}

function authorityExtensions(): x509.Extension[] {
  return [
    new x509.BasicConstraintsExtension(true, undefined, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
      true,
    ),
  ];
}

function validity({
  serialNumber,
  notBefore,
  notAfter,
}: Omit<CertificateOptions, 'subject'>) {
  // A day back, so a clock a little behind still sees a valid certificate.
  const start = notBefore ?? new Date(Date.now() - DAY);
  return {
    ...(serialNumber === undefined ? {} : { serialNumber }),
    notBefore: start,
    notAfter: notAfter ?? new Date(start.getTime() + 365 * DAY),
  };
}
