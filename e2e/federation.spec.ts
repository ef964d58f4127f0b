import type { Page } from '@playwright/test';
import {
  makeCertificateAuthority,
  makeClientCertificate,
} from '../src/filter/testing/certificates.ts';
import { demoDirectory, type Emulator } from './demo-directory.ts';
import { expect, expectAccessible, test } from './fixtures.ts';

/** Grants DeveloperRead on one topic from the object's Access tab. */
async function grantTopicRead(page: Page, emulator: Emulator, topic: string) {
  const where = await demoDirectory(emulator);
  await page.getByRole('tab', { name: 'Access' }).click();
  await page.getByRole('button', { name: 'Grant access' }).click();
  const dialog = page.getByRole('dialog', { name: 'Grant access' });
  await dialog.getByLabel('Role').selectOption('DeveloperRead');
  await dialog.getByLabel('Environment').selectOption(where.production.id);
  await dialog.getByLabel('Kafka cluster').selectOption(where.ordersProd.id);
  await dialog.getByLabel('Topic name').fill(topic);
  await dialog.getByRole('button', { name: 'Grant' }).click();
  const cluster = page.getByRole('region', {
    name: `Cluster orders-prod (${where.ordersProd.id})`,
  });
  await expect(
    cluster.getByRole('row').filter({ hasText: 'DeveloperRead' }),
  ).toContainText(topic);
}

/** The export dialog's Terraform and CLI texts. */
async function exported(page: Page, name: string) {
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: `Export ${name}` });
  const terraform = dialog.getByRole('textbox', { name: 'Terraform code' });
  await expect(terraform).toHaveValue(/confluent_role_binding/);
  const terraformText = await terraform.inputValue();
  await dialog.getByRole('tab', { name: 'CLI' }).click();
  const cli = await dialog
    .getByRole('textbox', { name: 'CLI code' })
    .inputValue();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return { terraform: terraformText, cli };
}

test('a group mapping: create it, test a group list, grant a role, export it and delete it', async ({
  page,
  emulator,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Group mappings' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Group mappings' }),
  ).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: 'New group mapping' }).click();
  await page.getByLabel('Display name').fill('Stream engineers');
  const filter = page.getByRole('textbox', { name: 'Filter', exact: true });
  // A pool's dialect is refused here, with what to write instead.
  await filter.fill('claims.group == "streams"');
  await page.getByRole('button', { name: 'Create group mapping' }).click();
  await expect(
    page.getByText(
      /This filter cannot be saved: Group mapping filters use groups, not claims/,
    ),
  ).toBeVisible();
  await expect(page.getByLabel('Display name')).toHaveValue('Stream engineers');
  await filter.fill('"streams" in groups && !("contractors" in groups)');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Create group mapping' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Stream engineers' }),
  ).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').at(-1)!;
  expect(id).toMatch(/^group-/);

  // The tester, in the browser: a contractor of the team is left out.
  const groups = page.getByLabel('SSO groups');
  await groups.fill('streams\nengineering');
  await expect(page.getByText('These groups get this mapping.')).toBeVisible();
  await groups.fill('streams\ncontractors');
  await expect(
    page.getByText('These groups do not get this mapping.'),
  ).toBeVisible();
  await expectAccessible(page);

  await grantTopicRead(page, emulator, 'streams.audit');
  await expectAccessible(page);

  const { terraform, cli } = await exported(page, 'Stream engineers');
  expect(terraform).toContain('resource "confluent_group_mapping"');
  expect(terraform).toContain(`id = "${id}"`);
  expect(terraform).toContain('streams.audit');
  // The CLI defaults a missing --filter to `true`: every command passes it.
  expect(cli).toContain('confluent iam group-mapping create');
  expect(cli.match(/--filter '/g)?.length).toBe(
    cli.match(/confluent iam group-mapping (create|update)/g)?.length,
  );

  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(/role binding/);
  await dialog
    .getByLabel('Type Stream engineers to confirm')
    .fill('Stream engineers');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Deleted Stream engineers')).toBeVisible();
  const gone = await emulator.get(`/iam/v2/sso/group-mappings/${id}`);
  expect(gone.status).toBe(404);
  const bindings = await emulator.get<{ data: unknown[] }>(
    `/iam/v2/role-bindings?principal=User:${id}&crn_pattern=${encodeURIComponent('crn://confluent.cloud/*')}`,
  );
  expect(bindings.body.data ?? []).toEqual([]);
});

test('a certificate authority and a certificate pool: register a real chain, create a pool, test a client certificate, grant, export and delete', async ({
  page,
  emulator,
}) => {
  const authority = await makeCertificateAuthority({
    subject: { O: 'Globex', CN: 'Globex Issuing CA' },
  });
  const client = await makeClientCertificate(authority, {
    subject: { O: 'Globex', OU: 'ledger', CN: 'ledger-writer-1' },
  });
  const stranger = await makeClientCertificate(authority, {
    subject: { O: 'Globex', OU: 'marketing', CN: 'ledger-writer-2' },
  });

  await page.goto('/');
  await page.getByRole('link', { name: 'Certificate authorities' }).click();
  await page
    .getByRole('link', { name: 'Register a certificate authority' })
    .click();
  await page.getByLabel('Display name').fill('Globex PKI');
  await page.getByLabel('Description').fill('Issues the ledger services.');
  await page.getByLabel('Chain file (.pem, .crt)').setInputFiles({
    name: 'globex-ca.pem',
    mimeType: 'application/x-pem-file',
    buffer: Buffer.from(authority.pem),
  });
  await expect(page.getByText('The chain holds 1 certificate')).toBeVisible();
  await expect(page.getByText('CN=Globex Issuing CA,O=Globex')).toBeVisible();
  await expectAccessible(page);
  await page
    .getByRole('button', { name: 'Register certificate authority' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Globex PKI' }),
  ).toBeVisible();
  const caId = new URL(page.url()).pathname.split('/').at(-1)!;
  expect(caId).toMatch(/^op-/);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'New certificate pool' }).click();
  await page.getByLabel('Display name').fill('ledger-writers');
  await page.getByLabel('External identifier').selectOption('CN');
  await page
    .getByRole('textbox', { name: 'Filter', exact: true })
    .fill(
      "O == 'Globex' && OU in ['ledger', 'audit'] && CN.startsWith('ledger-')",
    );
  await page.getByRole('button', { name: 'Create pool' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'ledger-writers' }),
  ).toBeVisible();
  const poolId = new URL(page.url()).pathname.split('/').at(-1)!;
  expect(poolId).toMatch(/^pool-/);

  // The tester decodes the certificate in the browser.
  const tester = page.getByLabel('Client certificate (PEM)');
  await tester.fill(client);
  await expect(
    page.getByText('This certificate matches the filter.'),
  ).toBeVisible();
  await expect(page.getByText('ledger-writer-1').first()).toBeVisible();
  await tester.fill(stranger);
  await expect(
    page.getByText('This certificate does not match the filter.'),
  ).toBeVisible();
  await expectAccessible(page);

  await grantTopicRead(page, emulator, 'ledger.entries');

  const { terraform, cli } = await exported(page, 'ledger-writers');
  expect(terraform).toContain('resource "confluent_certificate_pool"');
  expect(terraform).toContain(`id = "${caId}/${poolId}"`);
  expect(cli).toContain('confluent iam certificate-pool create');
  expect(cli).toContain(`CERTIFICATE_AUTHORITY_ID:-${caId}`);
  expect(cli.match(/--filter '/g)?.length).toBe(
    cli.match(/confluent iam certificate-pool (create|update)/g)?.length,
  );

  // Deleting the authority takes the pool and its bindings with it.
  await page.getByRole('link', { name: 'Globex PKI' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Globex PKI' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByLabel('Type Globex PKI to confirm').fill('Globex PKI');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Deleted Globex PKI')).toBeVisible();
  expect(
    (await emulator.get(`/iam/v2/certificate-authorities/${caId}`)).status,
  ).toBe(404);
  const bindings = await emulator.get<{ data: unknown[] }>(
    `/iam/v2/role-bindings?principal=User:${poolId}&crn_pattern=${encodeURIComponent('crn://confluent.cloud/*')}`,
  );
  expect(bindings.body.data ?? []).toEqual([]);
});
