import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  Certificate,
  CertificateList,
  CRLDistributionPoints,
  id_ce_cRLDistributionPoints,
} from '@peculiar/asn1-x509';

/**
 * Reading what a certificate authority is registered with: a PEM chain of
 * CA certificates and, optionally, a PEM certificate revocation list.
 * Both are parsed for real (docs/confluent-api.md §28), so a console
 * developed against the emulator meets the refusals the service makes.
 */

/** Confluent's documented limit for one certificate authority's chain. */
export const MAX_CHAIN_CERTIFICATES = 4;

/** What the service reports about each certificate of a chain. */
export type ChainCertificate = {
  /** SHA-1 of the DER certificate, 40 upper-case hex digits, no colons. */
  fingerprint: string;
  /** Upper-case hex without leading zeros, as Terraform normalises it. */
  serialNumber: string;
  /** `notAfter`, RFC 3339 in UTC without fractions. */
  expiresAt: string;
};

export type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string };

type PemBlock = { label: string; der: Buffer };

const BLOCK =
  /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fail<T>(detail: string): Parsed<T> {
  return { ok: false, detail };
}

// RFC 7468: text outside the blocks is explanatory and ignored, as
// OpenSSL ignores it; inside a block only base64 may appear.
function pemBlocks(field: string, text: string): Parsed<PemBlock[]> {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, label = '', body = '', endLabel = ''] = match;
    const position = blocks.length + 1;
    if (label !== endLabel) {
      return fail(
        `${field}: PEM block ${position} begins as ${label} but ends as ${endLabel}`,
      );
    }
    const base64 = body.replace(/\s+/g, '');
    if (base64 === '' || base64.length % 4 !== 0 || !BASE64.test(base64)) {
      return fail(
        `${field}: PEM block ${position} (${label}) does not hold base64 text`,
      );
    }
    blocks.push({ label, der: Buffer.from(base64, 'base64') });
  }
  const begins = text.match(/-----BEGIN /g)?.length ?? 0;
  if (begins !== blocks.length) {
    return fail(
      `${field}: a PEM block has no matching -----END …----- line, or its label is malformed`,
    );
  }
  return { ok: true, value: blocks };
}

// A block of the wrong kind; a private key gets a warning of its own.
function strangerBlock(
  field: string,
  position: number,
  label: string,
  expected: string,
): string {
  const warning = /PRIVATE KEY/.test(label)
    ? '; a private key must never be uploaded'
    : '';
  return `${field}: PEM block ${position} is a ${label}, not ${expected}${warning}`;
}

function firstSubjectPart(certificate: X509Certificate): string {
  const lines = certificate.subject.split('\n');
  return lines.find((line) => line.startsWith('CN=')) ?? lines[0] ?? '';
}

function rfc3339(date: string): string {
  return new Date(date).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function describe(certificate: X509Certificate): ChainCertificate {
  return {
    fingerprint: certificate.fingerprint.replaceAll(':', '').toUpperCase(),
    serialNumber:
      certificate.serialNumber.toUpperCase().replace(/^0+(?=.)/, '') || '0',
    expiresAt: rfc3339(certificate.validTo),
  };
}

/** A parsed chain: what the answers report, and each certificate's subject for CRL checks. */
export type CertificateChain = {
  certificates: ChainCertificate[];
  /** Each certificate's subject as DER, to match a CRL's issuer against. */
  subjects: Buffer[];
  /** The first http(s) CRL distribution point a certificate names, if any. */
  distributionPoint: string | undefined;
};

// The first http(s) URI of the certificate's CRL distribution points
// extension; a malformed extension counts as none.
function distributionPointOf(certificate: Certificate): string | undefined {
  const extension = certificate.tbsCertificate.extensions?.find(
    (each) => each.extnID === id_ce_cRLDistributionPoints,
  );
  if (!extension) return undefined;
  try {
    const points = AsnConvert.parse(
      extension.extnValue.buffer,
      CRLDistributionPoints,
    );
    return points
      .flatMap((point) => point.distributionPoint?.fullName ?? [])
      .map((name) => name.uniformResourceIdentifier)
      .find((uri) => uri !== undefined && /^https?:\/\//.test(uri));
  } catch {
    return undefined;
  }
}

/**
 * Parses `certificate_chain`: one to {@link MAX_CHAIN_CERTIFICATES} PEM
 * certificates, each a CA certificate (basicConstraints CA:TRUE). An
 * expired certificate is accepted: Confluent documents no such check, and
 * its date is reported for the console to warn about.
 */
export function parseCertificateChain(pem: string): Parsed<CertificateChain> {
  const field = 'certificate_chain';
  const blocks = pemBlocks(field, pem);
  if (!blocks.ok) return blocks;
  if (blocks.value.length === 0) {
    return fail(
      `${field} is not PEM: expected one to ${MAX_CHAIN_CERTIFICATES} -----BEGIN CERTIFICATE----- blocks`,
    );
  }
  const stranger = blocks.value.findIndex(
    (block) => block.label !== 'CERTIFICATE',
  );
  if (stranger !== -1) {
    return fail(
      strangerBlock(
        field,
        stranger + 1,
        blocks.value[stranger]!.label,
        'a CERTIFICATE: the chain holds only the CA certificates',
      ),
    );
  }
  if (blocks.value.length > MAX_CHAIN_CERTIFICATES) {
    return fail(
      `${field} holds ${blocks.value.length} certificates; a certificate authority takes at most ${MAX_CHAIN_CERTIFICATES}`,
    );
  }
  const certificates: ChainCertificate[] = [];
  const subjects: Buffer[] = [];
  let distributionPoint: string | undefined;
  for (const [index, block] of blocks.value.entries()) {
    const position = index + 1;
    let certificate: X509Certificate;
    let structure: Certificate;
    try {
      certificate = new X509Certificate(block.der);
      structure = AsnConvert.parse(block.der, Certificate);
    } catch {
      return fail(
        `${field}: certificate ${position} is not a valid X.509 certificate`,
      );
    }
    if (!certificate.ca) {
      return fail(
        `${field}: certificate ${position} (${firstSubjectPart(certificate)}) is not a CA certificate (its basicConstraints does not say CA:TRUE); upload the root and intermediate CAs that issue client certificates, not a client certificate`,
      );
    }
    certificates.push(describe(certificate));
    subjects.push(
      Buffer.from(AsnConvert.serialize(structure.tbsCertificate.subject)),
    );
    distributionPoint ??= distributionPointOf(structure);
  }
  return { ok: true, value: { certificates, subjects, distributionPoint } };
}

// RFC 7468's label and OpenSSL's is `X509 CRL`; some tools (@peculiar/x509
// among them) write `CRL` around the same DER.
const CRL_LABELS = ['X509 CRL', 'CRL'];

/**
 * Checks `crl_chain`: one or more PEM `X509 CRL` blocks, each a CRL that
 * parses and was issued by a certificate of `chain` (Confluent requires a
 * direct CRL from a CA of the chain). The signature is not verified.
 */
export function checkCrl(pem: string, chain: CertificateChain): Parsed<null> {
  const field = 'crl_chain';
  const blocks = pemBlocks(field, pem);
  if (!blocks.ok) return blocks;
  if (blocks.value.length === 0) {
    return fail(
      `${field} is not PEM: expected -----BEGIN X509 CRL----- blocks`,
    );
  }
  for (const [index, block] of blocks.value.entries()) {
    const position = index + 1;
    if (!CRL_LABELS.includes(block.label)) {
      return fail(strangerBlock(field, position, block.label, 'an X509 CRL'));
    }
    let issuer: Buffer;
    try {
      issuer = Buffer.from(
        AsnConvert.serialize(
          AsnConvert.parse(block.der, CertificateList, {
            // asn1js stops at 10,000 nodes by default, some 2,000 revoked
            // certificates; every node takes at least two bytes, so the
            // length bounds the work.
            berOptions: { maxNodes: Math.max(10_000, block.der.length) },
          }).tbsCertList.issuer,
        ),
      );
    } catch {
      return fail(
        `${field}: CRL ${position} is not a valid X.509 certificate revocation list`,
      );
    }
    if (!chain.subjects.some((subject) => subject.equals(issuer))) {
      return fail(
        `${field}: CRL ${position} was not issued by a certificate authority of the chain; the CRL must come directly from one of them`,
      );
    }
  }
  return { ok: true, value: null };
}
