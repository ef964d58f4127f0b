import { apiCall } from '@/testing/emulator.ts';
import type { CertificateAuthority } from '../api/authorities.ts';
import type { CertificatePool } from '../api/pools.ts';

/** The demo seed's certificate authority (a chain built from real certificates). */
export async function demoAuthority(): Promise<CertificateAuthority> {
  const list = await apiCall<{ data: CertificateAuthority[] }>(
    'GET',
    '/iam/v2/certificate-authorities?page_size=100',
  );
  const authority = list.data.find(
    (each) => each.display_name === 'Acme workload PKI',
  );
  if (!authority) throw new Error('no demo certificate authority');
  return authority;
}

/** The demo authority's certificate pools, by display name. */
export async function demoCertificatePool(
  caId: string,
  name: string,
): Promise<CertificatePool> {
  const list = await apiCall<{ data: CertificatePool[] }>(
    'GET',
    `/iam/v2/certificate-authorities/${caId}/identity-pools?page_size=100`,
  );
  const pool = list.data.find((each) => each.display_name === name);
  if (!pool) throw new Error(`no demo certificate pool ${name}`);
  return pool;
}

/** A PEM file as a person would pick it. */
export function pemFile(name: string, text: string): File {
  return new File([text], name, { type: 'application/x-pem-file' });
}
