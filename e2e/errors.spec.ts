import { expect, expectAccessible, test } from './fixtures.ts';

const CASES: [number, RegExp][] = [
  [401, /Confluent refused Lifeguard’s credentials/],
  [403, /not allowed to do this/],
  [429, /rate-limiting requests/],
  [500, /Request id/],
  [502, /Request id/],
  [504, /Request id/],
];

for (const [status, text] of CASES) {
  test(`a ${status} from the API is explained on the pools screen`, async ({
    page,
    emulator,
  }) => {
    const okta = await emulator.providerId('okta.com');
    // Enough failures to outlast the console's automatic retries.
    await emulator.fault({
      match: { method: 'GET', path: 'identity-pools$' },
      respond: { status, ...(status === 429 ? { retryAfter: 60 } : {}) },
      times: 10,
    });
    await page.goto(`/providers/${okta}`);
    await expect(page.getByRole('alert')).toContainText(text, {
      timeout: 20_000,
    });
    await expectAccessible(page);
  });
}

test('a failed list offers a retry that recovers', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await emulator.fault({
    match: { method: 'GET', path: 'identity-pools$' },
    respond: { status: 502 },
    times: 3,
  });
  await page.goto(`/providers/${okta}`);
  await expect(page.getByRole('alert')).toContainText('Request id', {
    timeout: 20_000,
  });
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByText('1–10 of 263')).toBeVisible();
});

test('unknown pools and pages are not-found screens with a way back', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}/pools/pool-none`);
  await expect(page.getByRole('alert')).toContainText('Not found');
  await page
    .getByRole('link', { name: 'Back to the provider’s pools' })
    .click();
  await expect(page.getByText('1–10 of 263')).toBeVisible();
  await page.goto('/no/such/screen');
  await expect(
    page.getByRole('heading', { name: 'Page not found' }),
  ).toBeVisible();
  await expectAccessible(page);
});
