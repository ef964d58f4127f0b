import { expect, expectAccessible, test } from './fixtures.ts';

function jwt(payload: object) {
  const part = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${part(payload)}.${Buffer.from('not-a-real-signature').toString('base64url')}`;
}

test('a pasted token is tested in the browser and never sent anywhere', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  const pool = await emulator.post<{ id: string }>(
    `/iam/v2/identity-providers/${okta}/identity-pools`,
    {
      display_name: 'orders-consumers',
      description: '',
      identity_claim: 'claims.sub',
      filter: 'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
    },
  );
  const token = jwt({
    iss: 'https://acme.okta.com/oauth2/aus4k9x2p7QbW1mZ0h8',
    sub: 'svc-orders-7f3c',
    aud: 'kafka',
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
  const payload = token.split('.')[1]!;
  const sent: string[] = [];
  page.on('request', (request) =>
    sent.push(`${request.url()} ${request.postData() ?? ''}`),
  );

  await page.goto(`/providers/${okta}/pools/${pool.id}`);
  const input = page.getByLabel('Token or claims');
  await input.fill(token);
  await expect(
    page.getByRole('status').filter({ hasText: 'matches the filter' }),
  ).toBeVisible();
  await expect(
    page.getByText('svc-orders-7f3c', { exact: true }),
  ).toBeVisible();
  await expectAccessible(page);

  await input.fill(
    jwt({ iss: 'https://other.example', sub: 'alice', aud: 'kafka' }),
  );
  // Another issuer decides the headline: Confluent refuses it before filters.
  await expect(
    page.getByText(
      /^Confluent would reject this token: it was issued by https:\/\/other\.example, not by this provider/,
    ),
  ).toBeVisible();
  await expect(
    page.getByText('On its claims alone it does not match the filter either.'),
  ).toBeVisible();

  expect(sent.length).toBeGreaterThan(0);
  for (const line of sent) {
    expect(line).not.toContain(payload);
    expect(line).not.toContain('svc-orders-7f3c');
  }
});

test('the tester follows the filter being edited', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  await page.goto(`/providers/${okta}/pools/new`);
  await page
    .getByRole('textbox', { name: 'Filter', exact: true })
    .fill('claims.aud == "kafka"');
  await page
    .getByLabel('Token or claims')
    .fill('{"sub": "svc-a", "aud": "kafka"}');
  await expect(page.getByText('This token matches the filter.')).toBeVisible();
  await page
    .getByRole('textbox', { name: 'Filter', exact: true })
    .fill('claims.aud == "kafka" && claims.sub == "svc-b"');
  await expect(
    page.getByText('This token does not match the filter.'),
  ).toBeVisible();
});
