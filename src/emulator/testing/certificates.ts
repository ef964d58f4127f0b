// What the emulator's tests need beyond the filter module's test
// certificates: intermediates signed by a given authority, certificates
// without basicConstraints, CRLs, private keys. @peculiar/x509 needs the
// Reflect metadata API before it loads, so that import stays first.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import {
  subjectName,
  type CertificateAuthority,
  type SubjectSpec,
} from '#filter/testing/certificates.ts';

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY = 24 * 60 * 60 * 1000;

function useWebCrypto(): void {
  x509.cryptoProvider.set(globalThis.crypto);
}

function generateKeys(): Promise<CryptoKeyPair> {
  return globalThis.crypto.subtle.generateKey(ALGORITHM, true, [
    'sign',
    'verify',
  ]) as Promise<CryptoKeyPair>;
}

function validity() {
  const notBefore = new Date(Date.now() - DAY);
  return { notBefore, notAfter: new Date(notBefore.getTime() + 365 * DAY) };
}

/**
 * An intermediate authority signed by `parent`, optionally naming a CRL
 * distribution point, as an issuing CA's certificate often does.
 */
export async function makeIntermediateAuthority(
  parent: CertificateAuthority,
  {
    subject = { O: 'Lifeguard Tests', CN: 'Lifeguard Test Issuing CA' },
    crlDistributionPoint,
  }: { subject?: SubjectSpec; crlDistributionPoint?: string } = {},
): Promise<CertificateAuthority> {
  useWebCrypto();
  const keys = await generateKeys();
  const name = subjectName(subject);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(true, 0, true),
    new x509.KeyUsagesExtension(
      x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
      true,
    ),
  ];
  if (crlDistributionPoint) {
    extensions.push(
      new x509.CRLDistributionPointsExtension([crlDistributionPoint]),
    );
  }
  const certificate = await x509.X509CertificateGenerator.create({
    subject: name,
    issuer: parent.name,
    publicKey: keys.publicKey,
    signingKey: parent.keys.privateKey,
    signingAlgorithm: ALGORITHM,
    ...validity(),
    extensions,
  });
  return {
    pem: certificate.toString('pem'),
    subjectText: name.toString(),
    name,
    keys,
  };
}

/** A certificate with no basicConstraints at all: not a CA either. */
export async function makeCertificateWithoutConstraints(
  authority: CertificateAuthority,
): Promise<string> {
  useWebCrypto();
  const keys = await generateKeys();
  const certificate = await x509.X509CertificateGenerator.create({
    subject: subjectName({ CN: 'unconstrained' }),
    issuer: authority.name,
    publicKey: keys.publicKey,
    signingKey: authority.keys.privateKey,
    signingAlgorithm: ALGORITHM,
    ...validity(),
  });
  return certificate.toString('pem');
}

/** A CRL issued by `authority`, revoking the given serial numbers (hex). */
export async function makeCrl(
  authority: CertificateAuthority,
  revokedSerials: string[] = ['0badc0de'],
): Promise<string> {
  useWebCrypto();
  const crl = await x509.X509CrlGenerator.create({
    issuer: authority.name,
    signingKey: authority.keys.privateKey,
    signingAlgorithm: ALGORITHM,
    thisUpdate: new Date(Date.now() - DAY),
    nextUpdate: new Date(Date.now() + 7 * DAY),
    entries: revokedSerials.map((serialNumber) => ({
      serialNumber,
      revocationDate: new Date(Date.now() - DAY),
      reason: x509.X509CrlReason.keyCompromise,
    })),
  });
  return crl.toString('pem');
}

/** The authority's private key as PKCS #8 PEM: what must never be uploaded. */
export async function privateKeyPem(
  authority: CertificateAuthority,
): Promise<string> {
  const der = await globalThis.crypto.subtle.exportKey(
    'pkcs8',
    authority.keys.privateKey,
  );
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/**
 * The SHA-1 of a PEM certificate's DER in upper-case hex, computed apart
 * from the emulator's own parsing, to check the fingerprints it reports.
 */
export function sha1Fingerprint(pem: string): string {
  const base64 = pem
    .replace(/-----(BEGIN|END) CERTIFICATE-----/g, '')
    .replace(/\s+/g, '');
  return createHash('sha1')
    .update(Buffer.from(base64, 'base64'))
    .digest('hex')
    .toUpperCase();
}

/** A certificate's serial number, upper-case hex without leading zeros. */
export function serialNumberOf(pem: string): string {
  return new x509.X509Certificate(pem).serialNumber
    .toUpperCase()
    .replace(/^0+(?=.)/, '');
}
