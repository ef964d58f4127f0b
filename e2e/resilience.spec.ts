import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';

async function firstPool(
  page: Page,
  emulator: { providerId: (issuer: string) => Promise<string> },
) {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}`);
  await page.getByRole('row').nth(1).getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const poolId = new URL(page.url()).pathname.split('/').at(-1)!;
  return { okta, poolId, poolPath: new URL(page.url()).pathname };
}

test('a 429 storm on the list: a countdown, then the rows appear by themselves', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await emulator.fault({
    match: {
      method: 'GET',
      path: `/identity-providers/${okta}/identity-pools$`,
    },
    respond: { status: 429, retryAfter: 2 },
    times: 2,
  });
  await page.goto(`/providers/${okta}`);
  await expect(
    page.getByText(/Confluent is rate-limiting Lifeguard; retrying in \d+ s/),
  ).toBeVisible();
  await expectAccessible(page);
  await expect(page.getByText('1–10 of 263')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/retrying in/)).toHaveCount(0);
});

test('a 500 on save keeps the form and its request id; saving again succeeds', async ({
  page,
  emulator,
}) => {
  const { okta, poolId, poolPath } = await firstPool(page, emulator);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Description').fill('Saved after a server error');
  await emulator.fault({
    match: { method: 'PATCH' },
    respond: { status: 500 },
    times: 1,
  });
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(/Request id: /)).toBeVisible();
  await expect(page.getByLabel('Description')).toHaveValue(
    'Saved after a server error',
  );
  const stored = await emulator.get<{ description: string }>(
    `/iam/v2/identity-providers/${okta}/identity-pools/${poolId}`,
  );
  expect(stored.body.description).not.toBe('Saved after a server error');

  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(poolPath);
  await expect(page.getByText('Saved after a server error')).toBeVisible();
});

test('an upstream stalled past the timeout is a 504 shown with its request id, and the form stays', async ({
  page,
  emulator,
}) => {
  await firstPool(page, emulator);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Description').fill('Typed before the stall');
  // Longer than the e2e server's UPSTREAM_TIMEOUT_MS (3 s).
  await emulator.fault({
    match: { method: 'PATCH' },
    delayMs: 5000,
    times: 1,
  });
  await page.getByRole('button', { name: 'Save changes' }).click();
  const alert = page
    .getByRole('alert')
    .filter({ hasText: /did not answer within 3 s/ });
  await expect(alert).toBeVisible({ timeout: 10_000 });
  await expect(alert).toContainText(/may or may not have been applied/);
  await expect(alert.getByText(/Request id: /)).toBeVisible();
  await expect(page.getByLabel('Description')).toHaveValue(
    'Typed before the stall',
  );
});

test('the emulator going away mid-session shows a banner, and the console recovers with nothing typed lost', async ({
  page,
  emulator,
}) => {
  const { poolPath } = await firstPool(page, emulator);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Description').fill('Typed during the outage');
  await emulator.outage(4000);
  await page.getByRole('button', { name: 'Save changes' }).click();
  const banner = page.getByText('Lifeguard cannot reach Confluent; retrying…');
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(page.getByLabel('Description')).toHaveValue(
    'Typed during the outage',
  );
  await expect(banner).toBeHidden({ timeout: 20_000 });
  await expect(page.getByLabel('Description')).toHaveValue(
    'Typed during the outage',
  );
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(poolPath);
  await expect(page.getByText('Typed during the outage')).toBeVisible();
});

test('a reload with a dirty form offers the draft back, and Restore brings every field', async ({
  page,
  emulator,
}) => {
  await firstPool(page, emulator);
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByLabel('Display name').fill('renamed-before-reload');
  await page.getByLabel('Description').fill('Typed before a reload');
  // The form asks before leaving with unsaved changes; this reload means it.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload();
  const notice = page.getByRole('status', { name: /You have unsaved changes/ });
  await expect(notice).toBeVisible();
  await expectAccessible(page);
  await notice.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByLabel('Display name')).toHaveValue(
    'renamed-before-reload',
  );
  await expect(page.getByLabel('Description')).toHaveValue(
    'Typed before a reload',
  );
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'renamed-before-reload',
      exact: true,
    }),
  ).toBeVisible();
});

test('two tabs editing one pool: the second save shows both versions instead of overwriting', async ({
  page,
  context,
  emulator,
}) => {
  const { okta, poolId, poolPath } = await firstPool(page, emulator);
  await page.getByRole('link', { name: 'Edit' }).click();
  const other = await context.newPage();
  await other.goto(`${poolPath}/edit`);
  await other.getByLabel('Description').fill('Saved first, in the other tab');
  await other.getByRole('button', { name: 'Save changes' }).click();
  await expect(other).toHaveURL(poolPath);

  await page.getByLabel('Description').fill('Saved second, in this tab');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const dialog = page.getByRole('alertdialog', {
    name: 'This pool was changed by someone else',
  });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Saved first, in the other tab');
  await expect(dialog).toContainText('Saved second, in this tab');
  await expectAccessible(page);
  const stored = await emulator.get<{ description: string }>(
    `/iam/v2/identity-providers/${okta}/identity-pools/${poolId}`,
  );
  expect(stored.body.description).toBe('Saved first, in the other tab');

  await dialog.getByRole('button', { name: 'Save mine over theirs' }).click();
  await expect(page).toHaveURL(poolPath);
  await expect(page.getByText('Saved second, in this tab')).toBeVisible();
});
