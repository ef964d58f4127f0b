import { expect, test } from 'vitest';
import { chainProblem, crlProblem, derToPem, pemBlocks } from './pem.ts';

const CERT = derToPem(
  Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01]),
  'CERTIFICATE',
);

test('blocks are read in order, text around them ignored', () => {
  const blocks = pemBlocks(`subject=CN=x\n${CERT}\nnotes\n${CERT}`);
  expect(blocks.map((block) => block.label)).toEqual([
    'CERTIFICATE',
    'CERTIFICATE',
  ]);
  expect(blocks[0]!.der).toEqual(
    Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01]),
  );
});

test('a chain of one to four certificates passes; anything else is explained', () => {
  expect(chainProblem(CERT)).toBeUndefined();
  expect(chainProblem(CERT.repeat(4))).toBeUndefined();
  expect(chainProblem(CERT.repeat(5))).toMatch(/at most 4 certificates/);
  expect(chainProblem('hello')).toMatch(/No PEM certificate found/);
  expect(
    chainProblem(
      `${CERT}-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----`,
    ),
  ).toMatch(/private key must never leave your machine/);
  expect(
    chainProblem(
      '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----',
    ),
  ).toMatch(/private key/);
  expect(chainProblem(CERT.replace('-----END CERTIFICATE-----', ''))).toMatch(
    /no matching -----END/,
  );
  expect(
    chainProblem('-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----'),
  ).toMatch(/not valid base64/);
  expect(
    chainProblem(derToPem(Uint8Array.from([0x30, 0]), 'X509 CRL')),
  ).toMatch(/X509 CRL, not a certificate/);
});

test('revocation lists are X509 CRL (or CRL) blocks only', () => {
  const crl = derToPem(Uint8Array.from([0x30, 0]), 'X509 CRL');
  expect(crlProblem(crl)).toBeUndefined();
  expect(
    crlProblem(`${crl}${derToPem(Uint8Array.from([0x30, 0]), 'CRL')}`),
  ).toBeUndefined();
  expect(crlProblem('nothing')).toMatch(/No PEM revocation list found/);
  expect(crlProblem(`${crl}${CERT}`)).toMatch(
    /CERTIFICATE, not a revocation list/,
  );
});
