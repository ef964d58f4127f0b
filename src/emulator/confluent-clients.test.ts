// Requests shaped as Confluent's own clients send them (the CLI and the
// Terraform provider, both through the Go SDK, which serialises every field
// it was given a pointer to, "" included). docs/decisions/014 says where
// each shape comes from.
import { expect, test } from 'vitest';
import { emulatorForTest, json, providerIdByIssuer } from './test-fixture.ts';

const PROVIDERS = '/iam/v2/identity-providers';
// The Go SDK's own headers; the emulator must not depend on them either way.
const SDK_HEADERS = {
  accept: 'application/json',
  'user-agent':
    'Confluent-CLI/v4.40.0 (https://confluent.io; support@confluent.io)',
};

test('`confluent iam pool create` without --resource-owner or --description: an empty assigned_resource_owner and description', async () => {
  const emulator = await emulatorForTest();
  const providerId = await providerIdByIssuer(emulator, 'okta.com');
  const response = await emulator.call(
    'POST',
    `${PROVIDERS}/${providerId}/identity-pools?assigned_resource_owner=`,
    {
      headers: SDK_HEADERS,
      body: {
        display_name: 'cli-pool',
        description: '',
        identity_claim: 'claims.sub',
        filter: 'true',
      },
    },
  );
  expect(response.status).toBe(201);
  expect(await json(response)).toMatchObject({
    display_name: 'cli-pool',
    description: '',
    identity_claim: 'claims.sub',
    filter: 'true',
  });
  // A non-empty owner is still checked.
  const bad = await emulator.call(
    'POST',
    `${PROVIDERS}/${providerId}/identity-pools?assigned_resource_owner=alice`,
    {
      body: {
        display_name: 'cli-pool-2',
        description: '',
        identity_claim: 'claims.sub',
        filter: 'true',
      },
    },
  );
  expect(bad.status).toBe(400);
});

test('`confluent iam provider create` without --identity-claim: an empty identity_claim stores the default claims.sub', async () => {
  const emulator = await emulatorForTest();
  const response = await emulator.call('POST', PROVIDERS, {
    headers: SDK_HEADERS,
    body: {
      display_name: 'cli-provider',
      description: '',
      identity_claim: '',
      issuer: 'https://company.provider.com',
      jwks_uri: 'https://company.provider.com/oauth2/v1/keys',
    },
  });
  expect(response.status).toBe(201);
  const created = await json(response);
  expect(created).toMatchObject({
    description: '',
    identity_claim: 'claims.sub',
  });
  const read = await json(
    await emulator.call('GET', `${PROVIDERS}/${String(created.id)}`),
  );
  expect(read.identity_claim).toBe('claims.sub');
});

test('Terraform 2.24–2.39 without identity_claim: an empty one on create, and on every later apply a PATCH with it empty, which changes nothing', async () => {
  const emulator = await emulatorForTest();
  const created = await json(
    await emulator.call('POST', PROVIDERS, {
      body: {
        display_name: 'tf-provider',
        description: 'managed by terraform',
        issuer: 'https://tf.example.com',
        jwks_uri: 'https://tf.example.com/keys',
        identity_claim: '',
      },
    }),
  );
  expect(created.identity_claim).toBe('claims.sub');
  const path = `${PROVIDERS}/${String(created.id)}`;
  const patched = await emulator.call('PATCH', path, {
    body: { identity_claim: '' },
  });
  expect(patched.status).toBe(200);
  expect((await json(patched)).identity_claim).toBe('claims.sub');

  // Empty is "not given", not "back to the default": a claim set on
  // purpose survives a PATCH that sends it empty.
  await emulator.call('PATCH', path, {
    body: { identity_claim: 'claims.email' },
  });
  const again = await emulator.call('PATCH', path, {
    body: { description: 'still terraform', identity_claim: '' },
  });
  expect(await json(again)).toMatchObject({
    description: 'still terraform',
    identity_claim: 'claims.email',
  });
});

test('`confluent iam pool update` and `iam provider update` send the id in the body; it is ignored', async () => {
  const emulator = await emulatorForTest();
  const providerId = await providerIdByIssuer(emulator, 'okta.com');
  const pools = `${PROVIDERS}/${providerId}/identity-pools`;
  const pool = await json(
    await emulator.call('POST', pools, {
      body: {
        display_name: 'cli-pool',
        description: '',
        identity_claim: 'claims.sub',
        filter: 'true',
      },
    }),
  );
  const poolId = String(pool.id);
  const poolUpdate = await emulator.call('PATCH', `${pools}/${poolId}`, {
    headers: SDK_HEADERS,
    body: { id: poolId, description: 'updated description' },
  });
  expect(poolUpdate.status).toBe(200);
  expect(await json(poolUpdate)).toMatchObject({
    id: poolId,
    description: 'updated description',
  });

  const providerUpdate = await emulator.call(
    'PATCH',
    `${PROVIDERS}/${providerId}`,
    {
      headers: SDK_HEADERS,
      body: { id: providerId, display_name: 'updated-name' },
    },
  );
  expect(providerUpdate.status).toBe(200);
  expect(await json(providerUpdate)).toMatchObject({
    id: providerId,
    display_name: 'updated-name',
  });
});
