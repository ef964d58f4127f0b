import { expect, expectAccessible, test } from './fixtures.ts';

test('which pools match: every page is fetched and each matching pool listed with its identity', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  const claims = JSON.stringify({
    sub: 'svc-payments-settlement-writer',
    aud: 'kafka-dev',
  });
  const sent: string[] = [];
  page.on('request', (request) =>
    sent.push(`${request.url()} ${request.postData() ?? ''}`),
  );

  await page.goto(`/providers/${okta}`);
  await page.getByText('Find the pools a token lands in').click();
  await page.getByLabel('Token or claims to match').fill(claims);
  await page.getByRole('button', { name: 'Find matching pools' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /of 263 pools match this token/ }),
  ).toBeVisible();
  const results = page.getByRole('list', { name: 'Pools it lands in' });
  await expect(
    results.getByRole('link', { name: 'legacy-catch-all' }),
  ).toBeVisible();
  const writer = results.getByRole('listitem').filter({
    has: page.getByRole('link', { name: 'payments-dev-settlement-writer' }),
  });
  await expect(writer).toContainText('as svc-payments-settlement-writer');
  await expectAccessible(page);
  const listCalls = sent.filter((line) =>
    line.includes('/identity-pools?page_size=100'),
  );
  expect(listCalls.length).toBeGreaterThanOrEqual(3);
  for (const line of sent)
    expect(line).not.toContain('svc-payments-settlement-writer');
});
