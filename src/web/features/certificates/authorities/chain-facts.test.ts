import { expect, test } from 'vitest';
import {
  chainCertificates,
  crlSummaryOf,
  earliestExpiry,
  expiryStatus,
  formatFingerprint,
  formatSerialNumber,
} from './chain-facts.ts';

const NOW = Date.parse('2026-12-07T12:00:00Z');

test('a certificate is expired, expiring within 30 days, or valid', () => {
  expect(expiryStatus('2026-12-01T00:00:00Z', NOW)).toBe('expired');
  expect(expiryStatus('2026-12-07T12:00:00Z', NOW)).toBe('expired');
  expect(expiryStatus('2027-01-06T12:00:00Z', NOW)).toBe('expiring');
  expect(expiryStatus('2027-01-06T12:00:01Z', NOW)).toBe('valid');
  expect(expiryStatus('not a date', NOW)).toBe('unknown');
  expect(expiryStatus(undefined, NOW)).toBe('unknown');
});

test('the earliest expiry of a chain decides when it stops working', () => {
  expect(
    earliestExpiry([
      '2030-01-01T00:00:00Z',
      '2027-03-01T00:00:00Z',
      'garbage',
      '2031-01-01T00:00:00Z',
    ]),
  ).toBe('2027-03-01T00:00:00Z');
  expect(earliestExpiry([])).toBeUndefined();
});

test('fingerprints read as openssl prints them; serials in upper-case hex', () => {
  expect(formatFingerprint('b1bc968bd4f49d622aa89a81f2150152a41d829c')).toBe(
    'B1:BC:96:8B:D4:F4:9D:62:2A:A8:9A:81:F2:15:01:52:A4:1D:82:9C',
  );
  expect(
    formatFingerprint(
      'B1:BC:96:8B:D4:F4:9D:62:2A:A8:9A:81:F2:15:01:52:A4:1D:82:9C',
    ),
  ).toBe('B1:BC:96:8B:D4:F4:9D:62:2A:A8:9A:81:F2:15:01:52:A4:1D:82:9C');
  expect(formatFingerprint('not-hex')).toBe('not-hex');
  expect(formatSerialNumber('219c542de8f6ec71')).toBe('219C542DE8F6EC71');
});

test('the three lists pair up by position, even when one is short', () => {
  expect(
    chainCertificates({
      fingerprints: ['aa', 'bb'],
      serial_numbers: ['01', '02'],
      expiration_dates: ['2030-01-01T00:00:00Z'],
    }),
  ).toEqual([
    {
      position: 1,
      fingerprint: 'aa',
      serialNumber: '01',
      expiresAt: '2030-01-01T00:00:00Z',
    },
    {
      position: 2,
      fingerprint: 'bb',
      serialNumber: '02',
      expiresAt: undefined,
    },
  ]);
});

test('the CRL is uploaded, at a URL, or absent', () => {
  expect(
    crlSummaryOf({ crl_source: 'LOCAL', crl_url: 'Local file uploaded' }),
  ).toEqual({ kind: 'uploaded' });
  expect(
    crlSummaryOf({ crl_source: 'URL', crl_url: 'https://ca.example/crl' }),
  ).toEqual({ kind: 'url', url: 'https://ca.example/crl' });
  expect(crlSummaryOf({})).toEqual({ kind: 'none' });
});
