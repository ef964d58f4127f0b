import { expect, test } from 'vitest';
import type { CertificateAuthority } from '../api/authorities.ts';
import {
  authorityCreateBodyOf,
  authorityFormContextOf,
  authorityFormSchema,
  authorityFormValuesOf,
  authorityReplaceBodyOf,
  EMPTY_AUTHORITY,
} from './authority-schema.ts';
import { derToPem } from './pem.ts';

const CHAIN = derToPem(
  Uint8Array.from([0x30, 0x03, 0x02, 0x01, 0x01]),
  'CERTIFICATE',
);

const UPLOADED: CertificateAuthority = {
  id: 'op-1',
  display_name: 'PKI',
  description: 'Ours.',
  fingerprints: ['AA'],
  serial_numbers: ['01'],
  expiration_dates: ['2030-01-01T00:00:00Z'],
  certificate_chain_filename: 'chain.pem',
  crl_source: 'LOCAL',
  crl_url: 'Local file uploaded',
  require_crl_on_client_certificate: true,
  state: 'ENABLED',
};

test('an edit keeps an uploaded CRL by sending back what the service reported', () => {
  const values = authorityFormValuesOf(UPLOADED);
  expect(values.crl_mode).toBe('keep');
  expect(
    authorityReplaceBodyOf(
      { ...values, description: 'New.' },
      values,
      UPLOADED,
    ),
  ).toEqual({
    display_name: 'PKI',
    description: 'New.',
    certificate_chain_filename: 'chain.pem',
    crl_url: 'Local file uploaded',
    require_crl_on_client_certificate: true,
  });
});

test('a new chain goes with its file name; removing the CRL sends an empty URL', () => {
  const values = authorityFormValuesOf(UPLOADED);
  expect(
    authorityReplaceBodyOf(
      {
        ...values,
        certificate_chain: CHAIN,
        certificate_chain_filename: 'new.pem',
        crl_mode: 'none',
      },
      values,
      UPLOADED,
    ),
  ).toEqual({
    display_name: 'PKI',
    description: 'Ours.',
    certificate_chain: CHAIN,
    certificate_chain_filename: 'new.pem',
    crl_url: '',
    require_crl_on_client_certificate: true,
  });
});

test('a create sends no CRL field when there is none', () => {
  expect(
    authorityCreateBodyOf({
      ...EMPTY_AUTHORITY,
      display_name: 'x',
      certificate_chain: CHAIN,
      certificate_chain_filename: 'c.pem',
    }),
  ).toEqual({
    display_name: 'x',
    description: '',
    certificate_chain: CHAIN,
    certificate_chain_filename: 'c.pem',
    require_crl_on_client_certificate: false,
  });
});

test('the chain is required on create only; a new CRL needs the flag', () => {
  const create = authorityFormSchema(authorityFormContextOf(undefined));
  const missing = create.safeParse({ ...EMPTY_AUTHORITY, display_name: 'x' });
  expect(missing.error?.issues.map((issue) => issue.path[0])).toEqual([
    'certificate_chain',
    'certificate_chain_filename',
  ]);
  const edit = authorityFormSchema(authorityFormContextOf(UPLOADED));
  const values = authorityFormValuesOf(UPLOADED);
  expect(edit.safeParse(values).success).toBe(true);
  const newUrl = edit.safeParse({
    ...values,
    crl_mode: 'url',
    crl_url: 'http://crl.example/ca.crl',
    require_crl_on_client_certificate: false,
  });
  expect(newUrl.error?.issues.map((issue) => issue.path[0])).toEqual([
    'require_crl_on_client_certificate',
  ]);
});
