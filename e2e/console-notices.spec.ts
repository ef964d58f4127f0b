import { expect, expectAccessible, test } from './fixtures.ts';

test('on the demo emulator the header says so, and provider ids stay on one line at 360 px', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(
    page.getByRole('banner').getByText('Demo data: the local emulator'),
  ).toBeVisible();

  // The id cell's text is one line high, however narrow the table gets.
  const id = page.getByRole('cell', { name: okta, exact: true });
  await expect(id).toBeVisible();
  const lines = await id.evaluate((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    const tops = new Set(
      Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)),
    );
    return tops.size;
  });
  expect(lines).toBe(1);
  await expectAccessible(page);
});

test('an expired token from another issuer lands in no pool, and the results show pool ids', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}`);
  await page.getByText('Find the pools a token lands in').click();
  await page.getByLabel('Token or claims to match').fill(
    JSON.stringify({
      iss: 'https://evil.example.com',
      exp: Math.floor(Date.now() / 1000) - 3 * 3600,
      sub: 'svc-scoring-stream',
      aud: 'kafka',
      groups: ['fraud-dev'],
    }),
  );
  await expect(
    page.getByRole('alert').filter({
      hasText:
        /^Confluent would reject this token: it was issued by https:\/\/evil\.example\.com, not by this provider .* and it expired 3 hours ago\./,
    }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Find matching pools' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /It lands in no pool; .* \(of 263\)\./ }),
  ).toBeVisible();
  const results = page.getByRole('list', {
    name: 'Pools whose filters match its claims',
  });
  // Two pools share this name; their ids tell them apart.
  const twins = results.getByRole('listitem').filter({
    has: page.getByRole('link', { name: 'fraud-dev-scoring-stream' }),
  });
  await expect(twins).toHaveCount(2);
  const ids = await twins.evaluateAll((items) =>
    items.map((item) => /pool-\w+/.exec(item.textContent ?? '')?.[0]),
  );
  expect(new Set(ids).size).toBe(2);
  await expectAccessible(page);
});
