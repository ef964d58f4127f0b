import { EMULATOR_URL, expect, expectAccessible, test } from './fixtures.ts';
import type { Emulator } from './demo-directory.ts';
import { startLifeguard, type LifeguardProcess } from './lifeguard-process.ts';
import {
  testIdpToken,
  testIdpTokenUrl,
} from '../src/emulator/test-idp/client-token.ts';

const KEYLESS_PORT = Number(process.env.E2E_KEYLESS_PORT ?? 4186);
const TOKEN_URL = testIdpTokenUrl(EMULATOR_URL);
const TEST_IDP = 'idp.lifeguard.test';

/** The demo's pool of the emulator's built-in test identity provider named `name`. */
async function testIdpPool(emulator: Emulator, name: string) {
  const provider = await emulator.providerId(TEST_IDP);
  const pools = await emulator.get<{
    data: { id: string; display_name: string }[];
  }>(`/iam/v2/identity-providers/${provider}/identity-pools?page_size=100`);
  const pool = pools.body.data.find((p) => p.display_name === name);
  if (!pool) throw new Error(`no demo pool ${name}`);
  return { provider, pool: pool.id };
}

/** Lifeguard with no Confluent secret: a test-IdP client exchanged into `poolId`. */
function keyless(client: string, poolId: string) {
  return startLifeguard(KEYLESS_PORT, {
    CONFLUENT_CLOUD_API_KEY: '',
    CONFLUENT_CLOUD_API_SECRET: '',
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_TOKEN_URL: TOKEN_URL,
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_ID: client,
    CONFLUENT_CLOUD_OAUTH_EXTERNAL_CLIENT_SECRET: `${client}-demo-secret`,
    CONFLUENT_CLOUD_OAUTH_IDENTITY_POOL_ID: poolId,
  });
}

let server: LifeguardProcess | undefined;
test.afterEach(async () => {
  await server?.stop();
  server = undefined;
});

test('keyless: Lifeguard signs in through the console pool and edits a pool, with no token in its log', async ({
  page,
  emulator,
}) => {
  const { provider, pool } = await testIdpPool(emulator, 'CI deployer');
  const consolePool = await testIdpPool(
    emulator,
    'Lifeguard console (keyless)',
  );
  server = await keyless('lifeguard-console', consolePool.pool);

  const ready = await fetch(`${server.url}/readyz`);
  expect(ready.status).toBe(200);
  const readiness = (await ready.json()) as Record<string, unknown>;
  expect(JSON.stringify(readiness)).toContain(consolePool.pool);

  await page.goto(`${server.url}/providers/${provider}/pools/${pool}/edit`);
  const description = page.getByLabel('Description');
  await description.fill('Deploys from CI, edited keyless');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Deploys from CI, edited keyless')).toBeVisible();
  await expectAccessible(page);

  const stored = await emulator.get<{ description: string }>(
    `/iam/v2/identity-providers/${provider}/identity-pools/${pool}`,
  );
  expect(stored.body.description).toBe('Deploys from CI, edited keyless');
  // No JWT (base64url of `{"`) anywhere in what the server printed.
  expect(server.output()).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
});

test('keyless as a pool without the role to manage pools: the console explains the 403', async ({
  page,
  emulator,
}) => {
  const { provider, pool } = await testIdpPool(emulator, 'CI deployer');
  server = await keyless('ci-deployer', pool);
  await page.goto(`${server.url}/providers/${provider}`);
  await expect(
    page.getByText('Lifeguard’s credentials are not allowed to do this'),
  ).toBeVisible();
  await expect(
    page.getByText(new RegExp(`User:${pool}`)).first(),
  ).toBeVisible();
  await expectAccessible(page);
});

test('keyless with a token the pool filter refuses: Lifeguard does not start and says why', async ({
  emulator,
}) => {
  const consolePool = await testIdpPool(
    emulator,
    'Lifeguard console (keyless)',
  );
  const failure = await keyless('stranger', consolePool.pool).then(
    (started) => {
      server = started;
      return '';
    },
    (error: Error) => error.message,
  );
  expect(failure).toMatch(/filter/i);
  expect(failure).toContain(consolePool.pool);
  expect(failure).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
});

test('on the emulator, the token tester asks its STS: a real test-IdP token is exchanged, a forged one refused although its claims match', async ({
  page,
  emulator,
}) => {
  const { provider, pool } = await testIdpPool(
    emulator,
    'Lifeguard console (keyless)',
  );
  const genuine = await testIdpToken(EMULATOR_URL);
  await page.goto(`/providers/${provider}/pools/${pool}`);
  const input = page.getByLabel('Token or claims');
  await input.fill(genuine);
  await expect(
    page.getByRole('status').filter({ hasText: 'matches the filter' }),
  ).toBeVisible();
  await expect(
    page.getByText(/local emulator only, never to Confluent/),
  ).toBeVisible();
  await page.getByRole('button', { name: /Ask the emulator.s STS/ }).click();
  const answer = page.getByRole('status', {
    name: /The emulator.s STS answer/,
  });
  await expect(answer).toContainText(
    `Exchanged: the emulator’s STS would issue a token for ${pool}`,
  );
  await expectAccessible(page);

  // The console pool's claims under the signature of another client's token.
  const [header, payload] = genuine.split('.');
  const otherSignature = (await testIdpToken(EMULATOR_URL, 'stranger')).split(
    '.',
  )[2];
  const forged = `${header}.${payload}.${otherSignature}`;
  await input.fill(forged);
  await expect(answer).toBeEmpty();
  await expect(
    page.getByRole('status').filter({ hasText: 'matches the filter' }),
  ).toBeVisible();
  await page.getByRole('button', { name: /Ask the emulator.s STS/ }).click();
  await expect(answer).toContainText('Refused:');
  await expect(answer).toContainText(/signature/i);
  await expect(answer).toContainText(
    'This disagrees with the in-browser evaluation',
  );
  await expect(input).toHaveValue(forged);
  await expectAccessible(page);
});
