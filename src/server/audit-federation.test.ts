import { expect, test } from 'vitest';
import type { AuditEntry } from '#contract/audit.ts';
import { makeCertificateAuthority } from '#filter/testing/certificates.ts';
import { makeCrl } from '../emulator/testing/certificates.ts';
import { startAuditedServer } from './testing/audited-server.ts';

// Issue 20 (decision 019): every federation object's writes are recorded
// like a pool's, under the entry's parent and object ids.

function fields(entry: AuditEntry) {
  return Object.fromEntries(
    entry.changes.map((change) => [
      change.field,
      [change.before, change.after],
    ]),
  );
}

test('a group mapping’s create, update, grant and delete are its history, under its id and no parent', async () => {
  const { api, store } = await startAuditedServer();
  const created = await api('POST', '/api/iam/v2/sso/group-mappings', {
    display_name: 'Stream engineers',
    description: '',
    filter: '"streams" in groups',
  });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  // The CLI's update: `id` in the body, and the filter it resends.
  const updated = await api('PATCH', `/api/iam/v2/sso/group-mappings/${id}`, {
    id,
    description: 'The streaming team',
    filter: '"streams" in groups',
  });
  expect(updated.status).toBe(200);
  const [organization] = (await api('GET', '/api/org/v2/organizations')).body
    .data as { id: string }[];
  const granted = await api('POST', '/api/iam/v2/role-bindings', {
    principal: `User:${id}`,
    role_name: 'MetricsViewer',
    crn_pattern: `crn://confluent.cloud/organization=${organization!.id}`,
  });
  expect(granted.status).toBe(201);
  expect(
    (await api('DELETE', `/api/iam/v2/sso/group-mappings/${id}`)).status,
  ).toBe(204);

  const entries = await store.auditLog.list({ pool_id: id }, 10);
  expect(
    entries.map((entry) => [entry.action, entry.providerId, entry.outcome]),
  ).toEqual([
    ['delete-group-mapping', null, 'applied'],
    ['grant-role', null, 'applied'],
    ['update-group-mapping', null, 'applied'],
    ['create-group-mapping', null, 'applied'],
  ]);
  // Only what changed: the resent filter is not a change.
  expect(fields(entries[2]!)).toEqual({
    description: ['', 'The streaming team'],
  });
  expect(fields(entries[0]!)).toMatchObject({
    display_name: ['Stream engineers', null],
    filter: ['"streams" in groups', null],
  });
});

test('a certificate authority is recorded with its chain as a digest, and its delete records each pool that went with it', async () => {
  const { api, store } = await startAuditedServer();
  const authority = await makeCertificateAuthority({
    subject: { O: 'Globex', CN: 'Globex Issuing CA' },
  });
  const created = await api('POST', '/api/iam/v2/certificate-authorities', {
    display_name: 'Globex PKI',
    description: 'Ledger services',
    certificate_chain: authority.pem,
    certificate_chain_filename: 'globex.pem',
  });
  expect(created.status).toBe(201);
  const caId = created.body.id as string;
  const pool = await api(
    'POST',
    `/api/iam/v2/certificate-authorities/${caId}/identity-pools`,
    {
      display_name: 'ledger-writers',
      description: '',
      external_identifier: 'CN',
      filter: "O == 'Globex'",
    },
  );
  expect(pool.status).toBe(201);
  const poolId = pool.body.id as string;
  expect(
    (await api('DELETE', `/api/iam/v2/certificate-authorities/${caId}`)).status,
  ).toBe(200);

  const entries = await store.auditLog.list({ provider_id: caId }, 10);
  expect(
    entries.map((entry) => [entry.action, entry.providerId, entry.poolId]),
  ).toEqual([
    ['delete-certificate-pool-with-authority', caId, poolId],
    ['delete-certificate-authority', caId, null],
    ['create-certificate-pool', caId, poolId],
    ['create-certificate-authority', caId, null],
  ]);
  const chain = fields(entries[3]!).certificate_chain as [null, string];
  expect(chain[1]).toMatch(/^PEM: 1 CERTIFICATE block, SHA-256 [0-9a-f]{64}$/);
  expect(JSON.stringify(entries)).not.toContain('BEGIN CERTIFICATE');
  expect(fields(entries[1]!).identity_pools).toEqual([[poolId], null]);
});

test('a certificate authority may send a revocation list past the 64 KiB other bodies are held to', async () => {
  const { api } = await startAuditedServer();
  const authority = await makeCertificateAuthority();
  // 3,000 revoked certificates: a CRL of a few hundred kilobytes.
  const crl = await makeCrl(
    authority,
    Array.from({ length: 3_000 }, (_, index) =>
      (0x1000_0000 + index).toString(16),
    ),
  );
  expect(crl.length).toBeGreaterThan(64 * 1024);
  const created = await api('POST', '/api/iam/v2/certificate-authorities', {
    display_name: 'Revoking',
    description: 'Publishes a large CRL',
    certificate_chain: authority.pem,
    certificate_chain_filename: 'ca.pem',
    crl_chain: crl,
    require_crl_on_client_certificate: true,
  });
  expect(created.status).toBe(201);
  expect(created.body.crl_source).toBe('LOCAL');
  const mapping = await api('POST', '/api/iam/v2/sso/group-mappings', {
    display_name: 'Large',
    description: 'x'.repeat(200 * 1024),
    filter: 'true',
  });
  expect(mapping.status).toBe(413);
  expect(JSON.stringify(mapping.body)).toContain('64 KiB');
});
