import { Events, OAuth2Server, type MutableToken } from 'oauth2-mock-server';
import type { Page } from '@playwright/test';
import type { AuditEntry, AuditPage } from '../src/contract/audit.ts';
import { VIEWER_WRITE_REASON } from '../src/contract/auth.ts';
import { hashPassword } from '../src/server/passwords.ts';
import { expect, expectAccessible, test } from './fixtures.ts';
import { startLifeguard, type LifeguardProcess } from './lifeguard-process.ts';

const PASSWORD_PORT = Number(process.env.E2E_PASSWORD_PORT ?? 4182);
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 4184);
const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 4183);

const ALICE = { username: 'alice', password: 'alice-admin-password-42' };
const VICTOR = { username: 'victor', password: 'victor-viewer-password-7' };

let passwordServer: LifeguardProcess;
let oidcServer: LifeguardProcess;
let idp: OAuth2Server;
/** What the next ID token says about the user. */
let nextClaims: Record<string, unknown> = {};

test.beforeAll(async () => {
  passwordServer = await startLifeguard(PASSWORD_PORT, {
    AUTH_MODE: 'password',
    AUTH_USERS: [
      `alice:admin:${await hashPassword(ALICE.password)}`,
      `victor:viewer:${await hashPassword(VICTOR.password)}`,
    ].join(','),
  });
  idp = new OAuth2Server();
  await idp.issuer.keys.generate('RS256');
  await idp.start(IDP_PORT, '127.0.0.1');
  idp.issuer.url = `http://127.0.0.1:${IDP_PORT}`;
  idp.service.on(Events.BeforeTokenSigning, (token: MutableToken) => {
    Object.assign(token.payload, nextClaims);
  });
  oidcServer = await startLifeguard(OIDC_PORT, {
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: idp.issuer.url,
    OIDC_CLIENT_ID: 'lifeguard-e2e',
    OIDC_CLIENT_SECRET: 'e2e-client-secret-value',
    OIDC_REDIRECT_URI: `http://127.0.0.1:${OIDC_PORT}/auth/oidc/callback`,
    OIDC_ADMIN_VALUES: 'lifeguard-admins',
  });
});

test.afterAll(async () => {
  await passwordServer?.stop();
  await oidcServer?.stop();
  await idp?.stop();
});

async function signIn(page: Page, who: { username: string; password: string }) {
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('password sign-in: a generic refusal keeps the name, then the admin works, sees the history, and signs out', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`${passwordServer.url}/providers/${okta}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in to Lifeguard' }),
  ).toBeVisible();
  await expectAccessible(page);

  await signIn(page, { username: 'alice', password: 'not-her-password' });
  await expect(page.getByRole('alert')).toContainText(
    'Incorrect username or password.',
  );
  await expect(page.getByLabel('Username')).toHaveValue('alice');

  await signIn(page, ALICE);
  const banner = page.getByRole('banner');
  await expect(banner).toContainText('alice');
  await expect(banner).toContainText('admin');
  await expect(page.getByText('1–10 of 263')).toBeVisible();

  // An edit through the console lands in the pool's history with both values.
  await page.getByRole('row').nth(1).getByRole('link').first().click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toBeVisible();
  const poolId = new URL(page.url()).pathname.split('/').at(-1)!;
  await page.getByRole('link', { name: 'Edit' }).click();
  const description = page.getByLabel('Description');
  const before = await description.inputValue();
  await description.fill('Changed by alice in the e2e journey');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    page.getByText('Changed by alice in the e2e journey'),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('tabpanel');
  await expect(history).toContainText('alice');
  await expect(history).toContainText('Changed by alice in the e2e journey');
  if (before) await expect(history).toContainText(before);
  await expectAccessible(page);

  // The audit page has it too, and exports it as JSON Lines.
  await banner.getByRole('link', { name: 'Audit log' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Audit log' }),
  ).toBeVisible();
  await expect(page.getByRole('table')).toContainText(poolId);
  await expectAccessible(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Export JSON Lines' }).click();
  const file = await (await download).createReadStream();
  let text = '';
  for await (const chunk of file) text += String(chunk);
  const first = JSON.parse(text.split('\n')[0]!) as AuditEntry;
  expect(first).toMatchObject({
    actor: { id: 'alice', role: 'admin', mode: 'password' },
    action: 'update-pool',
    outcome: 'applied',
  });
  expect(first.changes).toEqual([
    {
      field: 'description',
      before,
      after: 'Changed by alice in the e2e journey',
    },
  ]);

  await banner.getByRole('button', { name: 'Sign out' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in to Lifeguard' }),
  ).toBeVisible();
  const after = await page.request.get(
    `${passwordServer.url}/api/iam/v2/identity-providers`,
  );
  expect(after.status()).toBe(401);
  expect(passwordServer.output()).not.toContain(ALICE.password);
});

test('a viewer browses and tests tokens, every write control says why it is disabled, and the server refuses a forced write', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`${passwordServer.url}/providers/${okta}`);
  await signIn(page, VICTOR);
  await expect(page.getByRole('banner')).toContainText('viewer');
  const create = page.getByRole('button', { name: 'New pool' });
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
  await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole('row').nth(1).getByRole('link').first().click();
  const poolUrl = page.url();
  for (const name of ['Edit', 'Delete']) {
    const control = page.getByRole('button', { name, exact: true });
    await expect(control).toBeDisabled();
    await expect(control).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
  }
  await expectAccessible(page);

  await page.goto(`${poolUrl}/edit`);
  await expect(page.getByText(VIEWER_WRITE_REASON)).toBeVisible();
  await expect(page.getByLabel('Display name')).toHaveCount(0);

  // The console would never send it; the server refuses it anyway.
  const status = await page.evaluate(
    async (path) => {
      const response = await fetch(path, {
        method: 'PATCH',
        headers: {
          'content-type': 'application/json',
          'x-lifeguard-csrf': '1',
        },
        body: JSON.stringify({ description: 'forced by a viewer' }),
      });
      return response.status;
    },
    new URL(poolUrl).pathname.replace(
      /^\/providers\/([^/]+)\/pools\/([^/]+)$/,
      '/api/iam/v2/identity-providers/$1/identity-pools/$2',
    ),
  );
  expect(status).toBe(403);
  const poolId = new URL(poolUrl).pathname.split('/').at(-1)!;
  const stored = await emulator.get<{ description: string }>(
    `/iam/v2/identity-providers/${okta}/identity-pools/${poolId}`,
  );
  expect(stored.body.description).not.toBe('forced by a viewer');

  // Its refusal is on the pool's history, which a viewer may read.
  await page.goto(`${poolUrl}?tab=history`);
  await expect(page.getByRole('tabpanel')).toContainText('victor');
  await expect(page.getByRole('tabpanel')).toContainText(/Denied|Refused/i);
});

test('a session that ends mid-edit asks to sign in again over the form, and nothing typed is lost', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`${passwordServer.url}/providers/${okta}`);
  await signIn(page, ALICE);
  await page.getByRole('row').nth(1).getByRole('link').first().click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Description').fill('Typed before the session ended');

  // Signed out elsewhere (another tab, or the idle timeout).
  const logout = await page.request.post(
    `${passwordServer.url}/api/lifeguard/logout`,
    { headers: { 'x-lifeguard-csrf': '1', origin: passwordServer.url } },
  );
  expect(logout.status()).toBe(204);

  await page.getByRole('button', { name: 'Save changes' }).click();
  const dialog = page.getByRole('alertdialog', {
    name: 'Your session has ended',
  });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByLabel('Username').fill(ALICE.username);
  await dialog.getByLabel('Password').fill(ALICE.password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('Description')).toHaveValue(
    'Typed before the session ended',
  );
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Typed before the session ended')).toBeVisible();
});

test('a half-typed pool does not outlive sign-out, and a write Lifeguard refused is in the audit log with its reason', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`${passwordServer.url}/providers/${okta}`);
  await signIn(page, ALICE);
  await page.getByRole('row').nth(1).getByRole('link').first().click();
  await page.getByRole('link', { name: 'Edit' }).click();
  const description = page.getByLabel('Description');
  const saved = await description.inputValue();
  await description.fill('Half-typed by alice on a shared machine');
  const editUrl = page.url();

  // A script in alice's session sends a body that is not JSON.
  const poolPath = new URL(editUrl).pathname
    .replace('/providers/', '/api/iam/v2/identity-providers/')
    .replace('/pools/', '/identity-pools/')
    .replace(/\/edit$/, '');
  const refused = await page.request.patch(`${passwordServer.url}${poolPath}`, {
    headers: {
      'x-lifeguard-csrf': '1',
      origin: passwordServer.url,
      'content-type': 'application/json',
      'x-request-id': 'alice-script-1',
    },
    // Raw bytes: a string would be sent JSON-encoded.
    data: Buffer.from('{"description": "unfinished'),
  });
  expect(refused.status()).toBe(400);

  page.on('dialog', (dialog) => void dialog.accept());
  await page
    .getByRole('banner')
    .getByRole('button', { name: 'Sign out' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Sign in to Lifeguard' }),
  ).toBeVisible();
  const drafts = await page.evaluate(() =>
    Object.keys(sessionStorage).filter((key) =>
      key.startsWith('lifeguard.draft.'),
    ),
  );
  expect(drafts).toEqual([]);

  // Whoever signs in next in this tab starts from what the server holds.
  await page.goto(editUrl);
  await signIn(page, ALICE);
  await expect(page.getByLabel('Description')).toHaveValue(saved);
  await expect(
    page.getByRole('status', { name: /You have unsaved changes/ }),
  ).toHaveCount(0);

  await page
    .getByRole('banner')
    .getByRole('link', { name: 'Audit log' })
    .click();
  const row = page
    .getByRole('row')
    .filter({ hasText: 'The request body is not valid JSON.' });
  await expect(row).toContainText('Refused · HTTP 400');
  await expect(row).toContainText('alice-script-1');
  await expectAccessible(page);
});

test('the sign-in form fits 360 px without scrolling sideways', async ({
  page,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(passwordServer.url);
  await expect(page.getByLabel('Username')).toBeVisible();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
  ).toBeLessThanOrEqual(360);
  await expectAccessible(page);
});

test('a cross-site page cannot make Lifeguard write, even for a signed-in admin', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`${passwordServer.url}/`);
  await signIn(page, ALICE);
  await expect(page.getByRole('banner')).toContainText('alice');

  const target = `${passwordServer.url}/api/iam/v2/identity-providers/${okta}/identity-pools`;
  // A page on another site that posts a pool as soon as it loads.
  await page.route('http://attacker.test/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<form method="POST" action="${target}" enctype="text/plain">
        <input name='{"display_name":"pwned","identity_claim":"claims.sub","filter":"true","x":"' value='"}'>
      </form><script>document.forms[0].submit()</script>`,
    }),
  );
  // The form's POST only: the providers screen's own pool counts are GETs
  // of the same URL that may still be answering.
  const refused = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      response.url().startsWith(target),
  );
  await page.goto('http://attacker.test/');
  expect((await refused).status()).toBe(403);
  const pools = await emulator.get<{ data: { display_name: string }[] }>(
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=100`,
  );
  expect(pools.body.data.map((pool) => pool.display_name)).not.toContain(
    'pwned',
  );
  expect(passwordServer.output()).toContain('cross-site write refused');
});

test('OIDC sign-in comes back to the page it started on, with the role from the groups claim', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  nextClaims = {
    sub: 'olivia-123',
    name: 'Olivia Oidc',
    groups: ['engineering', 'lifeguard-admins'],
  };
  await page.goto(`${oidcServer.url}/providers/${okta}?page_size=25`);
  const signIn = page.getByRole('link', {
    name: 'Sign in with your organisation',
  });
  // The sign-in screen's code loads on demand: judge it once it is shown.
  await expect(signIn).toBeVisible();
  await expectAccessible(page);
  await signIn.click();
  await expect(page).toHaveURL(
    `${oidcServer.url}/providers/${okta}?page_size=25`,
  );
  const banner = page.getByRole('banner');
  await expect(banner).toContainText('Olivia Oidc');
  await expect(banner).toContainText('admin');
  await expect(page.getByRole('link', { name: 'New pool' })).toBeVisible();

  await banner.getByRole('button', { name: 'Sign out' }).click();
  nextClaims = { sub: 'sam-456', name: 'Sam Staff', groups: ['engineering'] };
  await page
    .getByRole('link', { name: 'Sign in with your organisation' })
    .click();
  await expect(banner).toContainText('Sam Staff');
  await expect(banner).toContainText('viewer');
  await expect(page.getByRole('button', { name: 'New pool' })).toBeDisabled();
  expect(oidcServer.output()).not.toContain('e2e-client-secret-value');

  const audit = await page.request.get(`${oidcServer.url}/api/lifeguard/audit`);
  expect(audit.status()).toBe(403);
  const history = (await (
    await page.request.get(
      `${oidcServer.url}/api/lifeguard/audit?provider_id=${okta}&pool_id=pool-none`,
    )
  ).json()) as AuditPage;
  expect(history.data).toEqual([]);
});
