import { expect, expectAccessible, test } from './fixtures.ts';

test('a miss in "Filter this page" leads to every pool of the provider, then to every provider, with the text kept', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}`);
  await expect(page.getByText('1–10 of 263')).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type('lakehouse');
  await expect(
    page.getByText('No pool on this page matches “lakehouse”.'),
  ).toBeVisible();

  await page
    .getByRole('button', { name: 'Search all 263 pools of this provider' })
    .click();
  await expect(page).toHaveURL(/[?&]scope=all/);
  await expect(page.getByText(/^\d+ of 263 pools match\.$/)).toBeVisible();
  const results = page.getByRole('table', {
    name: 'Identity pools of this provider',
  });
  const first = results.getByRole('link', { name: /lakehouse-sink/ }).first();
  await expect(first).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Pagination' }),
  ).toBeHidden();
  await expectAccessible(page);

  // A reload keeps the search over every pool.
  await page.reload();
  await expect(page.getByText(/^\d+ of 263 pools match\.$/)).toBeVisible();
  await expect(
    page.getByRole('searchbox', {
      name: 'Filter all of this provider’s pools',
    }),
  ).toHaveValue('lakehouse');

  await page
    .getByRole('link', { name: 'Search every provider for “lakehouse”' })
    .click();
  await expect(page).toHaveURL('/search?q=lakehouse');
  await expect(
    page.getByRole('searchbox', { name: 'Search pools' }),
  ).toHaveValue('lakehouse');
  await expect(
    page
      .getByRole('table', { name: 'Pools found' })
      .getByRole('link', { name: /lakehouse-sink/ })
      .first(),
  ).toBeVisible();
});

test('the pool whose filter is true is flagged in the list and in search results', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}?q=legacy`);
  const row = page.getByRole('row', { name: /legacy-catch-all/ });
  await expect(
    row.getByText('Matches every token', { exact: true }),
  ).toBeVisible();
  await page.goto('/search?q=legacy-catch-all');
  await expect(
    page
      .getByRole('table', { name: 'Pools found' })
      .getByText('Matches every token', { exact: true }),
  ).toBeVisible();
  await expectAccessible(page);
});
