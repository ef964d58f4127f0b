import { expect, test } from 'vitest';
import {
  makeCertificateAuthority,
  makeChain,
  makeClientCertificate,
  type CertificateAuthority,
} from '#filter/testing/certificates.ts';
import {
  createOk,
  demoDirectory,
  detailsByPointer,
  emulatorForTest,
  expectCreated,
  json,
  ROLE_BINDINGS,
  updatedAt,
  type Json,
} from './test-fixture.ts';
import type { TestEmulator } from './test-server.ts';
import {
  makeCrl,
  makeIntermediateAuthority,
  privateKeyPem,
  serialNumberOf,
  sha1Fingerprint,
} from './testing/certificates.ts';

const AUTHORITIES = '/iam/v2/certificate-authorities';

type Pki = {
  root: CertificateAuthority;
  issuing: CertificateAuthority;
  chain: string;
};

async function pki(organization = 'Acme'): Promise<Pki> {
  const root = await makeCertificateAuthority({
    subject: { O: organization, CN: `${organization} Root` },
  });
  const issuing = await makeIntermediateAuthority(root, {
    subject: { O: organization, CN: `${organization} Issuing` },
  });
  return { root, issuing, chain: `${issuing.pem}\n${root.pem}` };
}

function body(chain: string, extra: Record<string, unknown> = {}) {
  return {
    display_name: 'Acme PKI',
    description: 'Workload certificates',
    certificate_chain: chain,
    certificate_chain_filename: 'chain.pem',
    ...extra,
  };
}

async function register(
  emulator: TestEmulator,
  payload: unknown,
): Promise<Json> {
  return createOk(emulator, AUTHORITIES, payload);
}

test('registering a root and an intermediate: 201 with Location, each certificate’s SHA-1 fingerprint, serial and expiry; the chain is never returned', async () => {
  const emulator = await emulatorForTest();
  const { root, issuing, chain } = await pki();
  const response = await emulator.call('POST', AUTHORITIES, {
    body: body(chain),
  });
  const { resource: authority, id } = await expectCreated(
    emulator,
    response,
    AUTHORITIES,
    /^op-[0-9A-Za-z]{4}$/,
  );
  expect(authority).toEqual({
    api_version: 'iam/v2',
    kind: 'CertificateAuthority',
    id,
    metadata: {
      self: `${emulator.url}${AUTHORITIES}/${id}`,
      resource_name: `crn://confluent.cloud/organization=${emulator.config.orgId}/identity-provider=${id}`,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    },
    display_name: 'Acme PKI',
    description: 'Workload certificates',
    fingerprints: [sha1Fingerprint(issuing.pem), sha1Fingerprint(root.pem)],
    expiration_dates: [
      expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      expect.stringMatching(/Z$/),
    ],
    serial_numbers: [serialNumberOf(issuing.pem), serialNumberOf(root.pem)],
    certificate_chain_filename: 'chain.pem',
    require_crl_on_client_certificate: false,
    state: 'ENABLED',
  });
  const read = await json(await emulator.call('GET', `${AUTHORITIES}/${id}`));
  expect(read).toEqual(authority);
  const list = await json(await emulator.call('GET', AUTHORITIES));
  expect(list).toMatchObject({
    kind: 'CertificateAuthorityList',
    metadata: { total_size: 2 },
  });
  expect(JSON.stringify(list)).not.toContain('BEGIN CERTIFICATE');
});

test('refusals are 422 on their field, each naming what is wrong', async () => {
  const emulator = await emulatorForTest();
  const { root, issuing, chain } = await pki();
  const leaf = await makeClientCertificate(issuing, {
    subject: { CN: 'orders-1' },
  });
  const [, ...five] = await makeChain(6);
  const stranger = await makeCertificateAuthority({ subject: { CN: 'Other' } });
  const cases: [string, unknown, Record<string, RegExp>][] = [
    [
      'a client certificate',
      body(`${issuing.pem}\n${leaf}`),
      { '/certificate_chain': /certificate 2 \(CN=orders-1\) is not a CA/ },
    ],
    [
      'five certificates',
      body(five.join('\n')),
      { '/certificate_chain': /holds 5 certificates; .* at most 4/ },
    ],
    [
      'a private key',
      body(`${root.pem}\n${await privateKeyPem(root)}`),
      { '/certificate_chain': /PEM block 2 is a PRIVATE KEY/ },
    ],
    [
      'garbage',
      body('MIIBIjANBgkqhkiG9w0BAQEFAAOC'),
      { '/certificate_chain': /is not PEM/ },
    ],
    [
      'garbage in a block',
      body(
        '-----BEGIN CERTIFICATE-----\nR2FyYmFnZSE=\n-----END CERTIFICATE-----',
      ),
      { '/certificate_chain': /certificate 1 is not a valid X\.509/ },
    ],
    [
      'no chain, no file name',
      { display_name: 'x', description: '' },
      {
        '/certificate_chain': /certificate_chain is required/,
        '/certificate_chain_filename': /certificate_chain_filename is required/,
      },
    ],
    [
      'a CRL of another issuer',
      body(chain, {
        crl_chain: await makeCrl(stranger),
        require_crl_on_client_certificate: true,
      }),
      { '/crl_chain': /not issued by a certificate authority of the chain/ },
    ],
    [
      'a CRL that is not one',
      body(chain, {
        crl_chain:
          '-----BEGIN X509 CRL-----\nR2FyYmFnZSE=\n-----END X509 CRL-----',
        require_crl_on_client_certificate: true,
      }),
      { '/crl_chain': /not a valid X\.509 certificate revocation list/ },
    ],
    [
      'a CRL URL that is not a URL',
      body(chain, {
        crl_url: 'pki.example.com/root.crl',
        require_crl_on_client_certificate: true,
      }),
      { '/crl_url': /absolute http:\/\/ or https:\/\/ URL/ },
    ],
    [
      'an uploaded CRL that was never uploaded',
      body(chain, {
        crl_url: 'Local file uploaded',
        require_crl_on_client_certificate: true,
      }),
      { '/crl_url': /has none; send the CRL as crl_chain/ },
    ],
    [
      'a new CRL without the flag',
      body(chain, { crl_url: 'https://pki.example.com/root.crl' }),
      {
        '/require_crl_on_client_certificate':
          /only with require_crl_on_client_certificate set to true/,
      },
    ],
  ];
  for (const [what, payload, expected] of cases) {
    const response = await emulator.call('POST', AUTHORITIES, {
      body: payload,
    });
    expect(response.status, what).toBe(422);
    const details = await detailsByPointer(response);
    expect(Object.keys(details).sort(), what).toEqual(
      Object.keys(expected).sort(),
    );
    for (const [pointer, pattern] of Object.entries(expected)) {
      expect(details[pointer], what).toMatch(pattern);
    }
  }
  const list = await json(await emulator.call('GET', AUTHORITIES));
  expect((list.metadata as { total_size: number }).total_size).toBe(1);
});

test('a CRL uploaded as crl_chain is LOCAL and reported as "Local file uploaded"; a crl_url is URL; with both, crl_chain wins', async () => {
  const emulator = await emulatorForTest();
  const { issuing, chain } = await pki();
  const crl = await makeCrl(issuing);
  const local = await register(
    emulator,
    body(chain, {
      crl_chain: crl,
      crl_url: '',
      require_crl_on_client_certificate: true,
    }),
  );
  expect(local).toMatchObject({
    crl_source: 'LOCAL',
    crl_url: 'Local file uploaded',
    crl_updated_at: expect.stringMatching(/Z$/),
    require_crl_on_client_certificate: true,
  });
  expect(JSON.stringify(local)).not.toContain('X509 CRL');
  expect(JSON.stringify(local)).not.toContain('BEGIN CRL');
  const url = await register(
    emulator,
    body(chain, {
      crl_url: 'http://pki.example.com/issuing.crl',
      require_crl_on_client_certificate: true,
    }),
  );
  expect(url).toMatchObject({
    crl_source: 'URL',
    crl_url: 'http://pki.example.com/issuing.crl',
  });
  // Never fetched, so never refreshed.
  expect(url).not.toHaveProperty('crl_updated_at');
  const both = await register(
    emulator,
    body(chain, {
      crl_chain: crl,
      crl_url: 'http://pki.example.com/issuing.crl',
      require_crl_on_client_certificate: true,
    }),
  );
  expect(both).toMatchObject({ crl_source: 'LOCAL' });
});

test('a chain naming a CRL distribution point gets it as crl_url, without the flag, as the service fills it in', async () => {
  const emulator = await emulatorForTest();
  const root = await makeCertificateAuthority();
  const issuing = await makeIntermediateAuthority(root, {
    crlDistributionPoint: 'http://pki.example.com/root.crl',
  });
  const authority = await register(
    emulator,
    body(`${issuing.pem}\n${root.pem}`),
  );
  expect(authority).toMatchObject({
    crl_source: 'URL',
    crl_url: 'http://pki.example.com/root.crl',
    require_crl_on_client_certificate: false,
  });
});

test('PUT is a full update, except that a chain left out stays with its fingerprints; a new chain needs its file name', async () => {
  const emulator = await emulatorForTest();
  const { issuing, chain } = await pki();
  const created = await register(
    emulator,
    body(chain, {
      crl_chain: await makeCrl(issuing),
      require_crl_on_client_certificate: true,
    }),
  );
  const path = `${AUTHORITIES}/${String(created.id)}`;
  const put = (payload: unknown) =>
    emulator.call('PUT', path, { body: payload });

  // What the CLI sends: no chain, the file name and CRL URL read back.
  const renamed = await put({
    id: created.id,
    display_name: 'Renamed',
    description: 'Workload certificates',
    certificate_chain_filename: 'chain.pem',
    crl_url: 'Local file uploaded',
    require_crl_on_client_certificate: true,
  });
  expect(renamed.status).toBe(200);
  const afterRename = await json(renamed);
  expect(afterRename).toMatchObject({
    display_name: 'Renamed',
    fingerprints: created.fingerprints,
    serial_numbers: created.serial_numbers,
    crl_source: 'LOCAL',
    crl_url: 'Local file uploaded',
    crl_updated_at: created.crl_updated_at,
  });
  expect(updatedAt(afterRename) > updatedAt(created)).toBe(true);

  // The same again changes nothing.
  const again = await json(
    await put({
      display_name: 'Renamed',
      description: 'Workload certificates',
      crl_url: 'Local file uploaded',
      require_crl_on_client_certificate: true,
    }),
  );
  expect(updatedAt(again)).toBe(updatedAt(afterRename));

  const other = await pki('Globex');
  const withoutName = await put({
    display_name: 'Renamed',
    description: '',
    certificate_chain: other.chain,
  });
  expect(withoutName.status).toBe(422);
  expect(await detailsByPointer(withoutName)).toEqual({
    '/certificate_chain_filename':
      'certificate_chain_filename is required with a new certificate_chain',
  });
  // A new chain did not issue the uploaded CRL, so it cannot be kept.
  const keepForeignCrl = await put({
    display_name: 'Renamed',
    description: '',
    certificate_chain: other.chain,
    certificate_chain_filename: 'other.pem',
    crl_url: 'Local file uploaded',
    require_crl_on_client_certificate: true,
  });
  expect(keepForeignCrl.status).toBe(422);

  // Turning the flag off without a CRL, as the CLI sends it: no CRL.
  const rotated = await json(
    await put({
      display_name: 'Rotated',
      description: '',
      certificate_chain: other.chain,
      certificate_chain_filename: 'other.pem',
      crl_url: '',
      require_crl_on_client_certificate: false,
    }),
  );
  expect(rotated).toMatchObject({
    display_name: 'Rotated',
    certificate_chain_filename: 'other.pem',
    fingerprints: [
      sha1Fingerprint(other.issuing.pem),
      sha1Fingerprint(other.root.pem),
    ],
    require_crl_on_client_certificate: false,
  });
  expect(rotated).not.toHaveProperty('crl_source');
  expect(rotated).not.toHaveProperty('crl_url');
  expect(await json(await emulator.call('GET', path))).toEqual(rotated);
});

test('a CRL over the 64 KiB other bodies are held to is accepted', async () => {
  const emulator = await emulatorForTest();
  const { issuing, chain } = await pki();
  const serials = Array.from({ length: 2500 }, (_, i) =>
    (0x10000000 + i).toString(16),
  );
  const crl = await makeCrl(issuing, serials);
  expect(crl.length).toBeGreaterThan(64 * 1024);
  const authority = await register(
    emulator,
    body(chain, { crl_chain: crl, require_crl_on_client_certificate: true }),
  );
  expect(authority.crl_source).toBe('LOCAL');
});

test('deleting an authority answers 200 with it; its certificate pools and their role bindings go with it', async () => {
  const emulator = await emulatorForTest();
  const directory = await demoDirectory(emulator);
  const { chain } = await pki();
  const authority = await register(emulator, body(chain));
  const path = `${AUTHORITIES}/${String(authority.id)}`;
  const owner = directory.userId('chen.wei@acme.example');
  const pool = await json(
    await emulator.call(
      'POST',
      `${path}/identity-pools?assigned_resource_owner=${owner}`,
      {
        body: {
          display_name: 'orders',
          description: '',
          external_identifier: 'CN',
          filter: "CN.startsWith('orders-')",
        },
      },
    ),
  );
  const principal = `User:${String(pool.id)}`;
  expect(
    (
      await emulator.call('POST', ROLE_BINDINGS, {
        body: {
          principal,
          role_name: 'MetricsViewer',
          crn_pattern: directory.org,
        },
      })
    ).status,
  ).toBe(201);
  const everything = `${ROLE_BINDINGS}?page_size=1000&crn_pattern=${encodeURIComponent(`${directory.org}/*`)}`;
  const bindings = async () =>
    (
      (await json(await emulator.call('GET', everything))).data as {
        principal: string;
        crn_pattern: string;
      }[]
    ).filter(
      (each) =>
        each.principal === principal ||
        each.crn_pattern.includes(String(authority.id)),
    );
  expect(await bindings()).toHaveLength(2);

  const deleted = await emulator.call('DELETE', path);
  expect(deleted.status).toBe(200);
  expect(await json(deleted)).toEqual(authority);
  expect(await bindings()).toEqual([]);
  for (const gone of [path, `${path}/identity-pools/${String(pool.id)}`]) {
    const response = await emulator.call('GET', gone);
    expect(response.status, gone).toBe(404);
    expect((await json(response)).errors?.[0]).toMatchObject({
      code: 'not_found',
      detail: `Certificate authority ${String(authority.id)} not found`,
    });
  }
  expect((await emulator.call('DELETE', path)).status).toBe(404);
});

test('past certificate_authorities_per_org a registration answers 402', async () => {
  const emulator = await emulatorForTest({
    quotas: { certificateAuthoritiesPerOrg: 2 },
  });
  const { chain } = await pki();
  await register(emulator, body(chain));
  const refused = await emulator.call('POST', AUTHORITIES, {
    body: body(chain),
  });
  expect(refused.status).toBe(402);
  expect((await json(refused)).errors?.[0]?.detail).toContain(
    'certificate_authorities_per_org is currently limited to 2',
  );
});
