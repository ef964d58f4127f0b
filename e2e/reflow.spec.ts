import type { Page } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';

// WCAG 1.4.10: at 360 CSS pixels no form may make the page scroll sideways
// (a table or the filter editor may scroll within itself).
test.use({ viewport: { width: 360, height: 740 } });

async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `page width at ${page.url()}`).toBeLessThanOrEqual(360);
}

test('every form fits 360 px without scrolling sideways', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  const pools = await emulator.get<{ data: { id: string }[] }>(
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=1`,
  );
  const poolId = pools.body.data[0]!.id;
  const forms: { path: string; ready: (page: Page) => Promise<void> }[] = [
    {
      path: `/providers/${okta}/pools/new`,
      ready: (page) => expect(page.getByLabel('Display name')).toBeVisible(),
    },
    {
      path: `/providers/${okta}/pools/${poolId}/edit`,
      ready: (page) => expect(page.getByLabel('Display name')).toBeVisible(),
    },
    {
      // The token tester and the test-case form.
      path: `/providers/${okta}/pools/${poolId}`,
      ready: (page) =>
        expect(page.getByRole('heading', { level: 1 })).toBeVisible(),
    },
    {
      path: '/providers/new',
      ready: (page) => expect(page.getByLabel(/Issuer/).first()).toBeVisible(),
    },
    {
      path: `/providers/${okta}/edit`,
      ready: (page) => expect(page.getByLabel(/Issuer/).first()).toBeVisible(),
    },
    {
      path: '/search?q=payments',
      ready: (page) =>
        expect(page.getByRole('searchbox').first()).toBeVisible(),
    },
    {
      path: '/audit',
      ready: (page) =>
        expect(
          page.getByRole('heading', { level: 1, name: 'Audit log' }),
        ).toBeVisible(),
    },
  ];
  for (const form of forms) {
    await page.goto(form.path);
    await form.ready(page);
    await expectNoSidewaysScroll(page);
  }

  // A long filter stays inside the editor, not the page.
  await page.goto(`/providers/${okta}/pools/new`);
  await page
    .getByLabel('Display name')
    .fill('a-name-that-is-rather-long-for-a-phone');
  const editor = page.getByRole('textbox', { name: /Filter/ });
  await editor.click();
  await page.keyboard.type(
    'claims.aud == "kafka" && claims.sub.startsWith("svc-payments-settlement-eu-west")',
  );
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
});
