import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the console page loads, names itself and passes axe', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Lifeguard');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Lifeguard' }),
  ).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations).toEqual([]);
});

test('a deep link falls back to the console, and health answers JSON', async ({
  page,
  request,
}) => {
  await page.goto('/providers/op-1234');
  await expect(page.getByRole('heading', { name: 'Lifeguard' })).toBeVisible();
  const health = await request.get('/healthz');
  expect(await health.json()).toEqual({ status: 'ok', upstream: 'emulator' });
});
