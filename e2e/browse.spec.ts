import { expect, expectAccessible, test } from './fixtures.ts';

test('browse: providers → pools → next/previous → rows per page → a pool', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto('/');
  await expect(page).toHaveTitle('Identity providers · Lifeguard');
  const oktaRow = page.getByRole('row', { name: /Acme Okta/ });
  await expect(oktaRow.getByRole('cell', { name: '263' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Acme Okta' }).click();
  await expect(page).toHaveURL(`/providers/${okta}`);
  await expect(page.getByText('1–10 of 263')).toBeVisible();
  await expectAccessible(page);
  const firstRow = await page.locator('tbody tr').first().textContent();

  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('11–20 of 263')).toBeVisible();
  await expect(page).toHaveURL(/page_token=.+&page=2/);
  await page.getByRole('button', { name: 'Previous page' }).click();
  await expect(page.getByText('1–10 of 263')).toBeVisible();
  await expect(page.locator('tbody tr').first()).toHaveText(firstRow ?? '');

  // Back and forward follow the pages.
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('11–20 of 263')).toBeVisible();
  await page.goBack();
  await expect(page.getByText('1–10 of 263')).toBeVisible();
  await page.goForward();
  await expect(page.getByText('11–20 of 263')).toBeVisible();

  await page.getByRole('combobox', { name: 'Rows per page' }).click();
  await page.getByRole('option', { name: '25' }).click();
  await expect(page.getByText('1–25 of 263')).toBeVisible();
  await page.reload();
  await expect(page.getByText('1–25 of 263')).toBeVisible();

  const link = page.locator('tbody tr').nth(3).getByRole('link');
  const name = (await link.textContent()) ?? '';
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page).toHaveTitle(`${name} · Lifeguard`);
  await expect(
    page
      .getByRole('navigation', { name: 'Breadcrumb' })
      .getByRole('link', { name: 'Acme Okta' }),
  ).toBeVisible();
  await expectAccessible(page);
});

test('the pools list works from the keyboard alone', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}`);
  await expect(page.getByText('1–10 of 263')).toBeVisible();
  await page.getByRole('button', { name: 'Next page' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('11–20 of 263')).toBeVisible();
  await page.getByRole('combobox', { name: 'Rows per page' }).focus();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('option', { name: '10', exact: true }),
  ).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: '25' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('1–25 of 263')).toBeVisible();
});

test('at 360 px wide the list and the detail stay usable', async ({
  page,
  emulator,
}) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}`);
  await expect(page.getByText('1–10 of 263')).toBeVisible();
  // Only the table scrolls sideways; the page itself does not.
  const pageWidth = () =>
    page.evaluate<number>('document.documentElement.scrollWidth');
  expect(await pageWidth()).toBeLessThanOrEqual(360);
  await page.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('11–20 of 263')).toBeVisible();
  await page.locator('tbody a').first().click();
  await expect(page.getByText('Resource name')).toBeVisible();
  expect(await pageWidth()).toBeLessThanOrEqual(360);
  await expectAccessible(page);
});
