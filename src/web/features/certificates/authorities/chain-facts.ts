import type { CertificateAuthority } from '../api/authorities.ts';

/** A certificate due to expire within this many days is flagged. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** How close a certificate is to its `notAfter`. */
export type ExpiryStatus = 'expired' | 'expiring' | 'valid' | 'unknown';

/** The status of one expiry date (RFC 3339) at `now`. */
export function expiryStatus(
  expiresAt: string | undefined,
  now: number,
): ExpiryStatus {
  const time = expiresAt === undefined ? NaN : Date.parse(expiresAt);
  if (Number.isNaN(time)) return 'unknown';
  if (time <= now) return 'expired';
  if (time - now <= EXPIRY_WARNING_DAYS * DAY_MS) return 'expiring';
  return 'valid';
}

/** One certificate of a registered chain, as Confluent reports it. */
export type ChainCertificate = {
  /** 1-based, in the order Confluent lists them. */
  position: number;
  serialNumber: string | undefined;
  fingerprint: string | undefined;
  expiresAt: string | undefined;
};

/**
 * The chain's certificates, pairing Confluent's three lists by position:
 * they hold one entry per certificate, in the same order.
 */
export function chainCertificates(
  authority: Pick<
    CertificateAuthority,
    'fingerprints' | 'serial_numbers' | 'expiration_dates'
  >,
): ChainCertificate[] {
  const count = Math.max(
    authority.fingerprints.length,
    authority.serial_numbers.length,
    authority.expiration_dates.length,
  );
  return Array.from({ length: count }, (_, index) => ({
    position: index + 1,
    serialNumber: authority.serial_numbers[index],
    fingerprint: authority.fingerprints[index],
    expiresAt: authority.expiration_dates[index],
  }));
}

/** The chain's first expiry: when the authority stops working as a whole. */
export function earliestExpiry(
  expirationDates: readonly string[],
): string | undefined {
  let earliest: string | undefined;
  let earliestTime = Infinity;
  for (const date of expirationDates) {
    const time = Date.parse(date);
    if (!Number.isNaN(time) && time < earliestTime) {
      earliest = date;
      earliestTime = time;
    }
  }
  return earliest;
}

/**
 * A SHA-1 fingerprint as `openssl x509 -noout -fingerprint -sha1` prints
 * it: upper-case hex pairs joined by colons. Anything that is not 40 hex
 * digits (with or without colons) is returned as it came.
 */
export function formatFingerprint(fingerprint: string): string {
  const hex = fingerprint.replace(/[:\s]/g, '');
  if (!/^[0-9a-fA-F]{40}$/.test(hex)) return fingerprint;
  return hex.toUpperCase().match(/../g)!.join(':');
}

/**
 * A serial number as `openssl x509 -noout -serial` prints it: upper-case
 * hex without separators (openssl writes `serial=` before it).
 */
export function formatSerialNumber(serial: string): string {
  const hex = serial.replace(/[:\s]/g, '');
  return /^[0-9a-fA-F]+$/.test(hex) ? hex.toUpperCase() : serial;
}

/** Where the authority's revocation list comes from, in words. */
export type CrlSummary =
  { kind: 'none' } | { kind: 'url'; url: string } | { kind: 'uploaded' };

/** The text the service reports as `crl_url` for an uploaded list. */
export const UPLOADED_CRL_URL = 'Local file uploaded';

export function crlSummaryOf(
  authority: Pick<CertificateAuthority, 'crl_source' | 'crl_url'>,
): CrlSummary {
  const source = authority.crl_source?.toUpperCase();
  if (source === 'LOCAL' || authority.crl_url === UPLOADED_CRL_URL) {
    return { kind: 'uploaded' };
  }
  if (authority.crl_url) return { kind: 'url', url: authority.crl_url };
  return { kind: 'none' };
}
