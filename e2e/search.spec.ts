import { expect, expectAccessible, test } from './fixtures.ts';

test('search: a fragment of a filter finds its pool across providers; the deep link opens it, and Back returns to the same results', async ({
  page,
  emulator,
}) => {
  const google = await emulator.providerId('accounts.google.com');
  const googlePools = await emulator.get<{
    data: { id: string; display_name: string }[];
  }>(`/iam/v2/identity-providers/${google}/identity-pools?page_size=100`);
  const mlBatch = googlePools.body.data.find(
    (pool) => pool.display_name === 'ml-batch-jobs',
  )!;
  const poolLists: string[] = [];
  page.on('request', (request) => {
    if (
      /\/api\/iam\/v2\/identity-providers\/[^/]+\/identity-pools\?/.test(
        request.url(),
      )
    )
      poolLists.push(request.url());
  });

  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Search' })
    .click();
  await expect(page).toHaveURL('/search');
  await expect(page).toHaveTitle('Search · Lifeguard');
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Loaded all 290 pools from 6 providers.' }),
  ).toBeVisible();
  await expectAccessible(page);

  const box = page.getByRole('searchbox', { name: 'Search pools' });
  await box.fill('acme-ml.iam');
  await expect(page).toHaveURL('/search?q=acme-ml.iam');
  const results = page.getByRole('table', { name: 'Pools found' });
  await expect(results.getByRole('row')).toHaveCount(2);
  const row = results.getByRole('row').nth(1);
  await expect(row).toContainText('Google Cloud workloads');
  await expect(row.locator('mark')).toHaveText('acme-ml.iam');
  await expectAccessible(page);

  await row.getByRole('link', { name: 'ml-batch-jobs' }).click();
  await expect(page).toHaveURL(`/providers/${google}/pools/${mlBatch.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'ml-batch-jobs' }),
  ).toBeVisible();

  const listedBeforeBack = poolLists.length;
  await page.goBack();
  await expect(page).toHaveURL('/search?q=acme-ml.iam');
  await expect(box).toHaveValue('acme-ml.iam');
  await expect(
    results.getByRole('link', { name: 'ml-batch-jobs' }),
  ).toBeVisible();
  await expect(results.getByRole('row')).toHaveCount(2);
  // From the cache: no pool list was fetched again.
  expect(poolLists).toHaveLength(listedBeforeBack);

  // A reload (a shared link) walks again and shows the same search.
  await page.reload();
  await expect(box).toHaveValue('acme-ml.iam');
  await expect(
    results.getByRole('link', { name: 'ml-batch-jobs' }),
  ).toBeVisible();
});

test('search: sorted by last update from the keyboard, with the sort in the URL', async ({
  page,
}) => {
  await page.goto('/search?q=payments');
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Loaded all 290 pools from 6 providers.' }),
  ).toBeVisible();
  await page.getByRole('button', { name: /Last updated/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/search?q=payments&sort=-updated_at');
  await expect(
    page.getByRole('columnheader', { name: /Last updated/ }),
  ).toHaveAttribute('aria-sort', 'descending');
  const times = await page
    .getByRole('table', { name: 'Pools found' })
    .locator('tbody time')
    .evaluateAll((elements) =>
      elements.map((element) => Date.parse(element.getAttribute('datetime')!)),
    );
  expect(times.length).toBeGreaterThan(10);
  expect(times).toEqual([...times].sort((a, b) => b - a));
  await expectAccessible(page);
});
