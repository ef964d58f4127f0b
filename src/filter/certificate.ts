import { AsnConvert } from '@peculiar/asn1-schema';
import {
  Certificate,
  type AttributeTypeAndValue,
  type Name,
} from '@peculiar/asn1-x509';
import {
  isCertificateAttribute,
  type CertificateAttribute,
} from './dialect.ts';

/**
 * Client certificates for the certificate-pool dialect: a PEM certificate
 * decoded into the subject attributes its filter reads, plus what a person
 * checks before trusting the result (issuer, serial, validity).
 *
 * The DER is parsed by @peculiar/asn1-x509 and @peculiar/asn1-schema (no
 * eval, so the console's CSP allows them); this module only finds the PEM
 * block, decodes its base64 and names the attributes. It checks no
 * signature: the point is to see what a filter would read, not to trust it.
 */

/**
 * A decoded certificate. `subject` is what a certificate-pool filter reads:
 * one string per attribute of {@link CERTIFICATE_ATTRIBUTES} the subject has.
 * An attribute that appears more than once (two `OU`s, several `DC`s) keeps
 * the value of its first occurrence in the certificate's own order (the
 * encoded RDN sequence, most significant first: `DC=com` before
 * `DC=example`); `repeated` lists every value of such attributes, and
 * `notices` says which one the filter sees. Confluent does not document
 * how it reads a repeated attribute, so a tester should show the notice.
 *
 * `subjectText` and `issuerText` are the distinguished names as RFC 4514
 * writes them (least significant first: `CN=orders,O=Acme,C=DE`);
 * `serialNumber` is lower-case hex without leading zero bytes; `der` is the
 * certificate's bytes, e.g. for {@link certificateFingerprint}.
 */
export type DecodedCertificate = {
  subject: Partial<Record<CertificateAttribute, string>>;
  repeated: Partial<Record<CertificateAttribute, string[]>>;
  subjectText: string;
  issuerText: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  der: Uint8Array;
  notices: string[];
};

/** The outcome of {@link decodeCertificate}; `error` is for a person. */
export type CertificateDecoding =
  ({ ok: true } & DecodedCertificate) | { ok: false; error: string };

// RFC 4514 §3 keywords, and the OIDs of the other attributes a subject
// commonly carries, so a DN reads as OpenSSL and Java print it.
const KEYWORDS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '2.5.4.9': 'STREET',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.4': 'SN',
  '2.5.4.42': 'GN',
  '2.5.4.12': 'T',
  '1.2.840.113549.1.9.1': 'E',
};

const PEM_BLOCK =
  /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

const NOT_PEM =
  'This is not a PEM certificate: paste the text from `-----BEGIN CERTIFICATE-----` to `-----END CERTIFICATE-----`';

/**
 * Decodes the first certificate of a PEM text. Several certificates (a
 * chain file) are accepted: the first is decoded, since a chain starts with
 * the client's own certificate, and a notice says how many were skipped.
 * Anything else (no PEM block, a key, a CSR, damaged base64, DER that is
 * not a certificate) gives an error that says what was pasted. Never throws.
 */
export function decodeCertificate(pem: string): CertificateDecoding {
  try {
    return decodePem(pem);
  } catch {
    return {
      ok: false,
      error: 'The certificate could not be read',
    };
  }
}

function decodePem(pem: string): CertificateDecoding {
  const blocks = [...pem.matchAll(PEM_BLOCK)];
  if (blocks.length === 0) {
    if (/-----BEGIN CERTIFICATE-----/.test(pem)) {
      return {
        ok: false,
        error:
          'The certificate has no `-----END CERTIFICATE-----` line; paste all of it',
      };
    }
    return { ok: false, error: NOT_PEM };
  }
  const certificates = blocks.filter(([, label]) => label === 'CERTIFICATE');
  const [first] = certificates;
  if (first === undefined) {
    return { ok: false, error: notACertificate(blocks[0]?.[1] ?? '') };
  }
  if (first[1] !== first[3]) {
    return {
      ok: false,
      error: `The PEM block starts as ${first[1]} but ends as ${first[3] ?? ''}; paste one whole certificate`,
    };
  }
  const der = decodeBase64(first[2] ?? '');
  if (der === undefined) {
    return {
      ok: false,
      error:
        'The certificate’s base64 text is damaged (a character that is not base64, or missing characters); copy it again',
    };
  }
  let certificate: Certificate;
  try {
    certificate = AsnConvert.parse(der, Certificate);
  } catch {
    return {
      ok: false,
      error:
        'The PEM block decodes, but its content is not an X.509 certificate',
    };
  }
  const decoded = describe(certificate, der);
  if (certificates.length > 1) {
    decoded.notices.push(
      `The text holds ${certificates.length} certificates; this is the first, which in a chain file is the client’s own`,
    );
  }
  return { ok: true, ...decoded };
}

function notACertificate(label: string): string {
  if (label.includes('PRIVATE KEY')) {
    return 'This is a private key, not a certificate. Never paste a private key into a web page; paste the client certificate (`-----BEGIN CERTIFICATE-----`)';
  }
  if (label.includes('CERTIFICATE REQUEST')) {
    return 'This is a certificate signing request (CSR), not a certificate; paste the certificate the authority issued for it';
  }
  if (label.includes('PUBLIC KEY')) {
    return 'This is a public key, not a certificate; paste the client certificate (`-----BEGIN CERTIFICATE-----`)';
  }
  return `This PEM block holds a ${label}, not a certificate; paste a \`-----BEGIN CERTIFICATE-----\` block`;
}

function decodeBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/[\s]/g, '');
  if (
    compact === '' ||
    compact.length % 4 !== 0 ||
    !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)
  ) {
    return;
  }
  const binary = atob(compact);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function describe(certificate: Certificate, der: Uint8Array) {
  const { tbsCertificate: tbs } = certificate;
  const { subject, repeated, notices } = subjectAttributes(tbs.subject);
  return {
    subject,
    repeated,
    subjectText: formatName(tbs.subject),
    issuerText: formatName(tbs.issuer),
    serialNumber: serialHex(new Uint8Array(tbs.serialNumber)),
    notBefore: tbs.validity.notBefore.getTime(),
    notAfter: tbs.validity.notAfter.getTime(),
    der,
    notices,
  };
}

function subjectAttributes(name: Name) {
  const all = new Map<CertificateAttribute, string[]>();
  for (const rdn of name) {
    for (const attribute of rdn) {
      const keyword = KEYWORDS[attribute.type];
      if (keyword === undefined || !isCertificateAttribute(keyword)) continue;
      all.set(keyword, [...(all.get(keyword) ?? []), valueText(attribute)]);
    }
  }
  const subject: Partial<Record<CertificateAttribute, string>> = {};
  const repeated: Partial<Record<CertificateAttribute, string[]>> = {};
  const notices: string[] = [];
  for (const [keyword, values] of all) {
    const [first] = values;
    if (first === undefined) continue;
    subject[keyword] = first;
    if (values.length > 1) {
      repeated[keyword] = values;
      notices.push(
        `The subject has ${values.length} ${keyword} values (${values.map((value) => JSON.stringify(value)).join(', ')}); filters here read the first, ${JSON.stringify(first)}`,
      );
    }
  }
  return { subject, repeated, notices };
}

function valueText(attribute: AttributeTypeAndValue): string {
  return attribute.value.toString();
}

/** A distinguished name as RFC 4514 writes it, least significant RDN first. */
function formatName(name: Name): string {
  return [...name]
    .reverse()
    .map((rdn) =>
      [...rdn]
        .map((attribute) => {
          const keyword = KEYWORDS[attribute.type] ?? attribute.type;
          return `${keyword}=${escapeValue(valueText(attribute))}`;
        })
        .join('+'),
    )
    .join(',');
}

// RFC 4514 §2.4: these are escaped anywhere; a leading space or `#` and a
// trailing space are escaped too.
function escapeValue(value: string): string {
  let out = value.replace(/["+,;<>\\]/g, (ch) => `\\${ch}`);
  out = out.replace(/\0/g, '\\00');
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `;
  return out;
}

function serialHex(bytes: Uint8Array): string {
  let start = 0;
  // DER adds a zero byte to keep a positive serial positive.
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return Array.from(bytes.subarray(start), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * The certificate's fingerprint as OpenSSL prints it (upper-case hex pairs
 * joined by `:`), computed with Web Crypto, so in the browser too.
 */
export async function certificateFingerprint(
  der: Uint8Array,
  algorithm: 'SHA-1' | 'SHA-256' = 'SHA-256',
): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(algorithm, der.slice());
  return Array.from(new Uint8Array(digest), (byte) =>
    byte.toString(16).padStart(2, '0').toUpperCase(),
  ).join(':');
}
