import { expect, expectAccessible, test } from './fixtures.ts';

const FILTER = 'claims.aud == "kafka" && claims.sub.startsWith("svc-orders-")';

test('create → edit (only changed fields sent) → delete', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}`);
  await page.getByRole('link', { name: 'New pool' }).click();
  await expect(page).toHaveTitle(/New identity pool|New pool/);
  await expect(page.getByLabel('Identity claim')).toHaveValue('claims.sub');
  await expectAccessible(page);

  await page.getByLabel('Display name').fill('orders-e2e');
  await page.getByLabel('Description').fill('Created by the e2e journey');
  await page.getByRole('textbox', { name: 'Filter', exact: true }).fill(FILTER);
  await page.getByRole('button', { name: 'Create pool' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: 'orders-e2e' }),
  ).toBeVisible();
  const poolId = /pools\/(pool-[A-Za-z0-9]+)/.exec(page.url())?.[1];
  expect(poolId).toBeTruthy();
  await expect(page.getByText(FILTER)).toBeVisible();
  const stored = await emulator.get<{ filter: string }>(
    `/iam/v2/identity-providers/${okta}/identity-pools/${poolId}`,
  );
  expect(stored.body.filter).toBe(FILTER);

  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByLabel('Display name')).toHaveValue('orders-e2e');
  await expect(
    page.getByRole('button', { name: 'Save changes' }),
  ).toBeDisabled();
  await page.getByLabel('Description').fill('Edited by the e2e journey');
  const patch = page.waitForRequest((request) => request.method() === 'PATCH');
  await page.getByRole('button', { name: 'Save changes' }).click();
  expect((await patch).postDataJSON()).toEqual({
    description: 'Edited by the e2e journey',
  });
  await expect(page.getByText('Edited by the e2e journey')).toBeVisible();

  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('cannot be undone');
  await expect(dialog).toContainText(`User:${poolId}`);
  await expectAccessible(page);
  const confirm = dialog.getByRole('button', { name: 'Delete' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill('orders-e2e');
  await confirm.click();
  await expect(page).toHaveURL(`/providers/${okta}`);
  await expect(page.getByText('1–10 of 263')).toBeVisible();
  const gone = await emulator.get(
    `/iam/v2/identity-providers/${okta}/identity-pools/${poolId}`,
  );
  expect(gone.status).toBe(404);
});

test('a filter the browser’s checker refuses is shown next to the field and not sent, nothing typed is lost', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  const posts: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(request.url());
  });
  await page.goto(`/providers/${okta}/pools/new`);
  await page.getByLabel('Display name').fill('bad-filter');
  await page.getByLabel('Description').fill('kept');
  await page
    .getByRole('textbox', { name: 'Filter', exact: true })
    .fill('claims.sub.matches("^svc-")');
  await page.getByRole('button', { name: 'Create pool' }).click();
  await expect(
    page.getByText(
      'This filter cannot be saved: matches() is not supported in identity pool filters',
    ),
  ).toBeVisible();
  expect(posts.filter((url) => url.includes('/identity-pools'))).toEqual([]);
  await expect(
    page.getByRole('textbox', { name: 'Filter', exact: true }),
  ).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Display name')).toHaveValue('bad-filter');
  await expect(page.getByLabel('Description')).toHaveValue('kept');
  await expectAccessible(page);
});

test('a shared-issuer provider refuses a filter that constrains neither sub nor aud', async ({
  page,
  emulator,
}) => {
  const google = await emulator.providerId('accounts.google.com');
  await page.goto(`/providers/${google}/pools/new`);
  await page.getByLabel('Display name').fill('too-open');
  await page
    .getByRole('textbox', { name: 'Filter', exact: true })
    .fill('claims.email.endsWith("@acme.example")');
  await page.getByRole('button', { name: 'Create pool' }).click();
  await expect(
    page.getByText(/must constrain claims.sub or claims.aud/),
  ).toBeVisible();
});

for (const [status, text] of [
  [402, /quota/i],
  [409, /conflicts with an existing resource/],
  [500, /Request id/],
] as const) {
  test(`a ${status} on save is explained at the top and the form keeps its values`, async ({
    page,
    emulator,
  }) => {
    const okta = await emulator.providerId('okta.com');
    await emulator.fault({
      match: { method: 'POST', path: 'identity-pools$' },
      respond: { status },
      times: 1,
    });
    await page.goto(`/providers/${okta}/pools/new`);
    await page.getByLabel('Display name').fill(`status-${status}`);
    await page
      .getByRole('textbox', { name: 'Filter', exact: true })
      .fill(FILTER);
    await page.getByRole('button', { name: 'Create pool' }).click();
    await expect(
      page.getByRole('alert').filter({ hasText: text }),
    ).toBeVisible();
    await expect(page.getByLabel('Display name')).toHaveValue(
      `status-${status}`,
    );
    await expect(
      page.getByRole('textbox', { name: 'Filter', exact: true }),
    ).toHaveText(FILTER);
    // The fault was for one request: submitting again succeeds.
    await page.getByRole('button', { name: 'Create pool' }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: `status-${status}` }),
    ).toBeVisible();
  });
}

test('leaving a dirty form asks first', async ({ page, emulator }) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}`);
  await page.getByRole('link', { name: 'New pool' }).click();
  await page.getByLabel('Display name').fill('half-written');
  await page
    .getByRole('navigation', { name: 'Breadcrumb' })
    .getByRole('link', { name: 'Acme Okta' })
    .click();
  const dialog = page.getByRole('alertdialog', {
    name: 'Discard your changes?',
  });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(page.getByLabel('Display name')).toHaveValue('half-written');
  await page.goBack();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: 'Discard' })
    .click();
  await expect(page).toHaveURL(`/providers/${okta}`);
});
