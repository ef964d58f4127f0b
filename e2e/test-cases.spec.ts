import { expect, expectAccessible, test } from './fixtures.ts';

test('a saved test case re-runs as the filter is edited, and a flipping save is reviewed first', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  const pool = await emulator.post<{ id: string }>(
    `/iam/v2/identity-providers/${okta}/identity-pools`,
    {
      display_name: 'orders-writers',
      description: '',
      identity_claim: 'claims.sub',
      filter: 'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
    },
  );
  await page.goto(`/providers/${okta}/pools/${pool.id}`);
  await page
    .getByLabel('Token or claims')
    .fill('{"sub": "svc-orders", "aud": "kafka"}');
  await expect(page.getByText('This token matches the filter.')).toBeVisible();
  await page.getByLabel('Test case name').fill('orders service');
  await page.getByRole('button', { name: 'Save as test case' }).click();
  await expect(page.getByText('The test case passes.')).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByText('The test case passes.')).toBeVisible();
  const filter = page.getByRole('textbox', { name: 'Filter' });
  await filter.fill('claims.aud == "kafka" && claims.sub.startsWith("app-")');
  await expect(page.getByText('The test case fails.')).toBeVisible();
  await expect(page.getByText('changed by this edit')).toBeVisible();

  await page.getByRole('button', { name: 'Save changes' }).click();
  const review = page.getByRole('alertdialog', {
    name: 'Save the new filter?',
  });
  await expect(review).toContainText(
    'This edit changes the result of 1 test case',
  );
  await expect(review.locator('del')).toHaveText('svc');
  await expect(review.locator('ins')).toHaveText('app');
  await expectAccessible(page);
  await review.getByRole('button', { name: 'Keep editing' }).click();
  await expect(filter).toHaveText(
    'claims.aud == "kafka" && claims.sub.startsWith("app-")',
  );
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Save the new filter' }).click();
  // The edit page is titled with the pool's name too: wait for the detail page.
  await expect(page).toHaveURL(new RegExp(`/pools/${pool.id}$`));
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'orders-writers',
      exact: true,
    }),
  ).toBeVisible();
  const stored = await emulator.get<{ filter: string }>(
    `/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
  );
  expect(stored.body.filter).toBe(
    'claims.aud == "kafka" && claims.sub.startsWith("app-")',
  );
});
