import { expect, test } from './fixtures.ts';

// Classic payloads, as pool names, descriptions and string values in filters.
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<iframe src="javascript:alert(1)">',
  'javascript:alert(1)',
  '<a href="javascript:alert(1)">x</a>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<object data="javascript:alert(1)">',
  '<embed src="javascript:alert(1)">',
  '<style>body{display:none}</style>',
  '<link rel=stylesheet href=//evil.example/x.css>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '<div style="background:url(javascript:alert(1))">',
  '<marquee onstart=alert(1)>',
  '<textarea><script>alert(1)</script></textarea>',
  '</title><script>alert(1)</script>',
  '<base href="//evil.example/">',
  '<form action=javascript:alert(1)><button>x',
  '<select onfocus=alert(1) autofocus>',
  '<keygen autofocus onfocus=alert(1)>',
  '<audio src=x onerror=alert(1)>',
  '\u202Eevil\u202C <b>bold</b>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

test('pools full of XSS payloads render inertly in the list, the detail and the editor', async ({
  page,
  emulator,
}) => {
  const keycloak = await emulator.providerId('sso.staging');
  for (const [index, payload] of PAYLOADS.entries()) {
    await emulator.post(
      `/iam/v2/identity-providers/${keycloak}/identity-pools`,
      {
        display_name: `${index} ${payload}`.slice(0, 200),
        description: payload,
        identity_claim: 'claims.sub',
        filter: `claims.sub == ${JSON.stringify(payload)}`
          .slice(0, 300)
          .replace(/\\u202[ec]/gi, ''),
      },
    );
  }
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });

  await page.goto(`/providers/${keycloak}?page_size=50`);
  await expect(
    page.getByText(`1–${PAYLOADS.length} of ${PAYLOADS.length}`),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: `0 ${PAYLOADS[0]}` }),
  ).toBeVisible();
  expect(
    await page
      .locator(
        'tbody script, tbody img, tbody iframe, tbody svg, tbody object, tbody embed',
      )
      .count(),
  ).toBe(0);

  await page.getByRole('link', { name: `1 ${PAYLOADS[1]}` }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `1 ${PAYLOADS[1]}` }),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(
    page.getByRole('textbox', { name: 'Filter', exact: true }),
  ).toContainText('onerror');
  expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
  expect(dialogs).toEqual([]);
  await expect(page.locator('body')).toBeVisible();
});
