import { parse } from '@cdktf/hcl2json';
import type { Download } from '@playwright/test';
import { expect, expectAccessible, test } from './fixtures.ts';

// Valid CEL that trips every kind of quoting: quotes of both kinds, a
// backslash, Terraform's template sequences, a newline.
const FILTER =
  'claims.aud == "${aud}" && claims.name != \'it\\\'s\'\n&& claims.path != "C:\\\\%{x}"';

async function contentOf(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) {
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks).toString('utf8');
}

type PoolBody = Record<string, unknown>;
type Hcl = {
  import: { to: string; id: string }[];
  resource: { confluent_identity_pool: Record<string, PoolBody[]> };
};

test('export a pool: Terraform with its import block and the filter intact, copied and downloaded', async ({
  page,
  context,
  emulator,
  baseURL,
}) => {
  const okta = await emulator.providerId('okta.com');
  const pool = await emulator.post<{ id: string }>(
    `/iam/v2/identity-providers/${okta}/identity-pools`,
    {
      display_name: 'export-e2e',
      description: 'Said "hi" at 100%{',
      identity_claim: 'claims.sub',
      filter: FILTER,
    },
  );
  await context.grantPermissions(['clipboard-write'], { origin: baseURL });

  await page.goto(`/providers/${okta}/pools/${pool.id}`);
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export export-e2e' });
  await expect(
    dialog.getByRole('tab', { name: 'Terraform', selected: true }),
  ).toBeVisible();
  const code = dialog.getByRole('textbox', { name: 'Terraform code' });
  await expect(code).toBeVisible();
  const text = await code.inputValue();
  expect(text).toContain(
    `import {\n  to = confluent_identity_pool.export_e2e\n  id = "${okta}/${pool.id}"\n}`,
  );
  // Quotes and backslashes escaped, ${ and %{ doubled, the newline as \n.
  expect(text).toContain(
    String.raw`filter         = "claims.aud == \"${'$${aud}'}\" && claims.name != 'it\\'s'\n&& claims.path != \"C:\\\\%%{x}\""`,
  );
  await expectAccessible(page);

  const copy = dialog.getByRole('button', { name: 'Copy Terraform code' });
  await copy.click();
  // Reading the clipboard back is blocked by Lifeguard's own
  // Permissions-Policy (clipboard-read=()); the component test checks what
  // was written.
  await expect(copy).toHaveText('Copied');

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: `Download ${pool.id}.tf` }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${pool.id}.tf`);
  const saved = await contentOf(file);
  expect(saved).toBe(text);
  // The saved file is HCL that gives back the stored filter: hcl2json writes
  // a literal ${ as $${ (Terraform's JSON syntax), so a forgotten escape
  // would show up here as a bare ${.
  const hcl = (await parse('main.tf', saved)) as Hcl;
  const [body] = hcl.resource.confluent_identity_pool.export_e2e!;
  expect(body!.filter).toBe(FILTER.replace(/([$%])\{/g, '$1$1{'));
  expect(hcl.import).toEqual([
    { to: '${confluent_identity_pool.export_e2e}', id: `${okta}/${pool.id}` },
  ]);

  await dialog.getByRole('tab', { name: 'CLI' }).click();
  expect(
    await dialog.getByRole('textbox', { name: 'CLI code' }).inputValue(),
  ).toContain(
    `confluent iam pool create export-e2e \\\n  --provider ${okta} \\`,
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export' })).toBeFocused();
});

test('export a provider: every pool fetched with progress, then downloaded as JSON', async ({
  page,
  emulator,
}) => {
  const okta = await emulator.providerId('okta.com');
  // Hold the walk's second page until the progress has been seen.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let isHolding = true;
  await page.route(
    (url) =>
      url.pathname.endsWith('/identity-pools') &&
      url.searchParams.get('page_size') === '100' &&
      url.searchParams.has('page_token'),
    async (route) => {
      if (isHolding) {
        isHolding = false;
        await held;
      }
      await route.continue();
    },
  );

  await page.goto(`/providers/${okta}`);
  await expect(page.getByText('1–10 of 263')).toBeVisible();
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export Acme Okta' });
  await expect(dialog.getByText('Fetched 100 of 263 pools…')).toBeVisible();
  await expect(
    dialog.getByRole('progressbar', { name: 'Pools fetched' }),
  ).toHaveAttribute('value', '100');
  await expectAccessible(page);
  release();

  await expect(
    dialog.getByRole('status').filter({ hasText: 'All 263 pools' }),
  ).toBeVisible();
  const text = await dialog
    .getByRole('textbox', { name: 'Terraform code' })
    .inputValue();
  expect(text.match(/^resource "confluent_identity_pool" /gm)).toHaveLength(
    263,
  );
  const hcl = (await parse('main.tf', text)) as Hcl;
  expect(hcl.import).toHaveLength(264);
  expect(hcl.import[0]).toEqual({
    to: '${confluent_identity_provider.acme_okta}',
    id: okta,
  });
  expect(Object.keys(hcl.resource.confluent_identity_pool)).toHaveLength(263);
  await expectAccessible(page);

  await dialog.getByRole('tab', { name: 'JSON' }).click();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: `Download ${okta}.json` }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${okta}.json`);
  const exported = JSON.parse(await contentOf(file)) as {
    identity_provider: { id: string };
    identity_pools: { id: string }[];
  };
  expect(exported.identity_provider.id).toBe(okta);
  expect(exported.identity_pools).toHaveLength(263);
  expect(new Set(exported.identity_pools.map((p) => p.id)).size).toBe(263);
});
