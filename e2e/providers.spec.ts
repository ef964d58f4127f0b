import { expect, expectAccessible, test } from './fixtures.ts';

// Discovery of a real issuer needs a public https address, which e2e does
// not have: the journey shows the server's refusal of a loopback issuer (its
// real answer, from the real server) and then types the JWKS URL by hand.
// Reading a document is covered by src/server/discovery.test.ts (https
// servers on 127.0.0.1) and the form's use of it by provider-create.test.tsx.

type Key = { kid: string };
type Provider = { id: string; issuer: string; jwks_uri: string; keys: Key[] };

const ISSUER = 'https://login.e2e.example/realms/main';
const JWKS_URI = `${ISSUER}/protocol/openid-connect/certs`;

test('create: discovery refuses a loopback issuer, the JWKS URL is typed, Confluent’s keys are listed', async ({
  page,
  emulator,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'New provider' }).click();
  await expect(page).toHaveTitle(/New identity provider/);
  await expect(page.getByLabel('Identity claim')).toHaveValue('claims.sub');
  await expectAccessible(page);

  await page.getByLabel('Display name').fill('E2E SSO');
  await page.getByLabel('Description').fill('Registered by the e2e journey');
  const issuer = page.getByLabel('Issuer', { exact: true });
  await issuer.fill('https://127.0.0.1:8443/realms/main');
  await page.getByRole('button', { name: 'Find JWKS URL' }).click();
  await expect(issuer).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByText(/127\.0\.0\.1 is a loopback address\. Lifeguard reads/),
  ).toBeVisible();
  await expect(page.getByLabel('JWKS URL')).toHaveValue('');

  await issuer.fill(ISSUER);
  await page.getByLabel('JWKS URL').fill(JWKS_URI);
  const post = page.waitForRequest(
    (request) =>
      request.method() === 'POST' &&
      request.url().endsWith('/api/iam/v2/identity-providers'),
  );
  await page.getByRole('button', { name: 'Create provider' }).click();
  expect((await post).postDataJSON()).toEqual({
    display_name: 'E2E SSO',
    description: 'Registered by the e2e journey',
    issuer: ISSUER,
    jwks_uri: JWKS_URI,
    identity_claim: 'claims.sub',
  });

  await expect(
    page.getByRole('heading', { level: 1, name: 'E2E SSO' }),
  ).toBeVisible();
  const providerId = /providers\/(op-[A-Za-z0-9]+)\/details/.exec(
    page.url(),
  )?.[1];
  expect(providerId).toBeTruthy();
  const stored = await emulator.get<Provider>(
    `/iam/v2/identity-providers/${providerId}`,
  );
  expect(stored.body).toMatchObject({ issuer: ISSUER, jwks_uri: JWKS_URI });
  const keys = page.getByRole('table', { name: 'Signing keys of E2E SSO' });
  for (const key of stored.body.keys) {
    await expect(keys.getByText(key.kid)).toBeVisible();
  }
  await expectAccessible(page);

  await page.goto('/');
  await expect(page.getByRole('link', { name: 'E2E SSO' })).toBeVisible();
});

test('edit sends only the changed fields; Refresh keys shows the status and the new key', async ({
  page,
  emulator,
}) => {
  const staging = await emulator.providerId('sso.staging');
  await page.goto(`/providers/${staging}`);
  await page
    .getByRole('link', { name: 'Provider details and signing keys' })
    .click();
  await expect(page).toHaveURL(`/providers/${staging}/details`);
  await expect(page.getByText('Last refresh status: not known')).toBeVisible();

  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(
    page.getByRole('button', { name: 'Save changes' }),
  ).toBeDisabled();
  await page.getByLabel('Description').fill('Edited by the e2e journey');
  await expectAccessible(page);
  const patch = page.waitForRequest((request) => request.method() === 'PATCH');
  await page.getByRole('button', { name: 'Save changes' }).click();
  expect((await patch).postDataJSON()).toEqual({
    description: 'Edited by the e2e journey',
  });
  await expect(page).toHaveURL(`/providers/${staging}/details`);
  await expect(page.getByText('Edited by the e2e journey')).toBeVisible();

  const before = await emulator.get<Provider>(
    `/iam/v2/identity-providers/${staging}`,
  );
  const refresh = page.waitForResponse(
    (response) =>
      response.request().method() === 'PATCH' &&
      response.url().endsWith(`/identity-providers/${staging}/jwks`),
  );
  await page.getByRole('button', { name: 'Refresh keys' }).click();
  expect((await refresh).status()).toBe(200);
  await expect(page.getByText('REFRESHED', { exact: true })).toBeVisible();
  const after = await emulator.get<Provider>(
    `/iam/v2/identity-providers/${staging}`,
  );
  const added = after.body.keys.filter(
    (key) => !before.body.keys.some((old) => old.kid === key.kid),
  );
  expect(added).toHaveLength(1);
  await expect(page.getByText(added[0]!.kid)).toBeVisible();
  await expectAccessible(page);
});

test('delete warns how many pools go with the provider and needs its name typed', async ({
  page,
  emulator,
}) => {
  const azure = await emulator.providerId('microsoftonline');
  await page.goto(`/providers/${azure}/details`);
  const name = 'Azure AD – Platform tenant';
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();

  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(
    '14 identity pools will be deleted with it',
  );
  await expectAccessible(page);
  const confirm = dialog.getByRole('button', {
    name: 'Delete provider and 14 identity pools',
  });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill(name);
  await confirm.click();

  await expect(page).toHaveURL('/');
  await expect(
    page.getByText(`Deleted ${name} and its 14 pools`),
  ).toBeVisible();
  await expect(page.getByRole('link', { name })).toHaveCount(0);
  expect(
    (await emulator.get(`/iam/v2/identity-providers/${azure}`)).status,
  ).toBe(404);
  expect(
    (await emulator.get(`/iam/v2/identity-providers/${azure}/identity-pools`))
      .status,
  ).toBe(404);
});
