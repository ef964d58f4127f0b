import type { Page } from '@playwright/test';
import { hashPassword } from '../src/server/passwords.ts';
import { EMULATOR_URL, expect, expectAccessible, test } from './fixtures.ts';
import {
  demoDirectory as directory,
  type DemoDirectory as Directory,
  type Emulator,
} from './demo-directory.ts';
import { startLifeguard, type LifeguardProcess } from './lifeguard-process.ts';

const ACCESS_PORT = Number(process.env.E2E_ACCESS_PORT ?? 4185);
const VIOLA = { username: 'viola', password: 'viola-viewer-password-3' };

let viewerServer: LifeguardProcess;

test.beforeAll(async () => {
  viewerServer = await startLifeguard(ACCESS_PORT, {
    AUTH_MODE: 'password',
    AUTH_USERS: `viola:viewer:${await hashPassword(VIOLA.password)}`,
  });
});

test.afterAll(async () => {
  await viewerServer?.stop();
});

/** A pool of the demo's Okta provider with no role bindings yet. */
async function newPool(emulator: Emulator, name: string) {
  const okta = await emulator.providerId('okta.com');
  const pool = await emulator.post<{ id: string }>(
    `/iam/v2/identity-providers/${okta}/identity-pools`,
    {
      display_name: name,
      description: 'Reads the orders topics',
      identity_claim: 'claims.sub',
      filter: 'claims.aud == "kafka" && claims.sub.startsWith("orders-")',
    },
  );
  return { okta, pool };
}

function topicCrn(where: Directory, topic: string) {
  return `crn://confluent.cloud/organization=${where.orgId}/environment=${where.production.id}/cloud-cluster=${where.ordersProd.id}/kafka=${where.ordersProd.id}/topic=${topic}`;
}

/** Removes a binding behind the console's back, as another tool would. */
async function deleteBindingElsewhere(id: string) {
  const response = await fetch(`${EMULATOR_URL}/iam/v2/role-bindings/${id}`, {
    method: 'DELETE',
    headers: {
      authorization: `Basic ${Buffer.from('LIFEGUARDDEMOKEY:lifeguard-demo-secret').toString('base64')}`,
    },
  });
  expect(response.status).toBe(200);
}

async function openAccessTab(page: Page, path: string) {
  await page.goto(path);
  await expect(
    page.getByRole('tab', { name: 'Access', selected: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Access', exact: true }),
  ).toBeVisible();
}

test('grant DeveloperRead on a topic prefix, see it in the Access tab, the export and the history, then revoke it', async ({
  page,
  emulator,
}) => {
  const { okta, pool } = await newPool(emulator, 'access-e2e');
  const where = await directory(emulator);
  const poolPath = `/providers/${okta}/pools/${pool.id}`;
  await openAccessTab(page, `${poolPath}?tab=access`);
  await expect(page.getByText('This pool has no role bindings.')).toBeVisible();

  await page.getByRole('button', { name: 'Grant access' }).click();
  const dialog = page.getByRole('dialog', { name: 'Grant access' });
  await dialog.getByLabel('Role').selectOption('DeveloperRead');
  await expect(dialog.getByLabel('Applies to')).toHaveValue('topic');
  await dialog.getByLabel('Environment').selectOption(where.production.id);
  await dialog.getByLabel('Kafka cluster').selectOption(where.ordersProd.id);
  await dialog.getByLabel('Topic name').fill('orders.');
  await dialog.getByRole('switch', { name: /^Prefix/ }).click();
  await expect(
    dialog.getByRole('figure', { name: 'CRN that will be sent' }),
  ).toContainText(topicCrn(where, 'orders.*'));
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Grant' }).click();

  await expect(
    page.getByText(/Confluent may take a minute or two/),
  ).toBeVisible();
  const cluster = page.getByRole('region', {
    name: `Cluster orders-prod (${where.ordersProd.id})`,
  });
  const row = cluster.getByRole('row').filter({ hasText: 'DeveloperRead' });
  await expect(row).toContainText('orders.*');
  await expect(row).toContainText('Prefix');
  await expectAccessible(page);

  // The export grants it too.
  await page.getByRole('button', { name: 'Export' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export access-e2e' });
  await expect(
    exportDialog.getByText(/All 1 role bindings? of access-e2e fetched/),
  ).toBeVisible();
  const terraform = await exportDialog
    .getByRole('textbox', { name: 'Terraform code' })
    .inputValue();
  expect(terraform).toContain('resource "confluent_role_binding"');
  expect(terraform).toContain(
    `principal   = "User:\${confluent_identity_pool.access_e2e.id}"`,
  );
  expect(terraform).toContain(`crn_pattern = "${topicCrn(where, 'orders.*')}"`);
  await exportDialog.getByRole('tab', { name: 'CLI' }).click();
  const cli = await exportDialog
    .getByRole('textbox', { name: 'CLI code' })
    .inputValue();
  expect(cli).toContain('confluent iam rbac role-binding create');
  expect(cli).toContain('--resource Topic:orders.');
  expect(cli).toContain('--prefix');
  await page.keyboard.press('Escape');

  // Revoke, with a confirmation that names role and resource.
  await cluster
    .getByRole('button', {
      name: /^Revoke DeveloperRead on topics starting with/,
    })
    .click();
  const confirm = page.getByRole('alertdialog', {
    name: 'Revoke DeveloperRead?',
  });
  await expect(confirm).toContainText(topicCrn(where, 'orders.*'));
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(
    page.getByText(/^Revoked DeveloperRead on topics/),
  ).toBeVisible();
  await expect(page.getByText('This pool has no role bindings.')).toBeVisible();

  // The history shows the grant and the revocation beside the pool's create.
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(
    page.getByRole('heading', { name: 'Revoked a role' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Granted a role' }),
  ).toBeVisible();
  await expectAccessible(page);
});

test('a binding removed elsewhere: Revoke explains it is already gone and the list catches up', async ({
  page,
  emulator,
}) => {
  const { okta, pool } = await newPool(emulator, 'gone-e2e');
  const where = await directory(emulator);
  const binding = await emulator.post<{ id: string }>('/iam/v2/role-bindings', {
    principal: `User:${pool.id}`,
    role_name: 'DeveloperRead',
    crn_pattern: topicCrn(where, 'payments'),
  });
  await openAccessTab(page, `/providers/${okta}/pools/${pool.id}?tab=access`);
  const revoke = page.getByRole('button', {
    name: /^Revoke DeveloperRead on topic “payments”/,
  });
  await expect(revoke).toBeVisible();

  await deleteBindingElsewhere(binding.id);
  await revoke.click();
  const confirm = page.getByRole('alertdialog', {
    name: 'Revoke DeveloperRead?',
  });
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  // Confluent answers 403 40301 for a binding that no longer exists.
  await expect(confirm).toContainText('This role binding is already gone');
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText('This pool has no role bindings.')).toBeVisible();
});

test('a viewer sees what a pool may do but cannot grant or revoke', async ({
  page,
  emulator,
}) => {
  const { okta, pool } = await newPool(emulator, 'viewer-access-e2e');
  const where = await directory(emulator);
  await emulator.post('/iam/v2/role-bindings', {
    principal: `User:${pool.id}`,
    role_name: 'DeveloperWrite',
    crn_pattern: topicCrn(where, 'audit-log'),
  });
  await page.goto(`${viewerServer.url}/`);
  await page.getByLabel('Username').fill(VIOLA.username);
  await page.getByLabel('Password').fill(VIOLA.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('banner')).toContainText('viola');

  await openAccessTab(
    page,
    `${viewerServer.url}/providers/${okta}/pools/${pool.id}?tab=access`,
  );
  await expect(
    page.getByRole('row').filter({ hasText: 'DeveloperWrite' }),
  ).toContainText('audit-log');
  await expect(
    page.getByText(/You can see this pool’s access but not change it/),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Grant access' })).toHaveCount(
    0,
  );
  await expect(page.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
  await expectAccessible(page);

  // Forced through the API, the server refuses the viewer's grant.
  const forced = await page.evaluate(async (principal) => {
    const response = await fetch('/api/iam/v2/role-bindings', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
      },
      body: JSON.stringify({
        principal,
        role_name: 'DeveloperRead',
        crn_pattern: 'crn://confluent.cloud/organization=x',
      }),
    });
    return response.status;
  }, `User:${pool.id}`);
  expect(forced).toBe(403);
});

test('who can reach a resource: the pools whose bindings reach a demo topic prefix, most specific first, and the link to one', async ({
  page,
  emulator,
}) => {
  const where = await directory(emulator);
  await page.goto('/');
  await page.getByRole('link', { name: 'Who can reach…' }).click();
  await page
    .getByRole('combobox', { name: 'Environment' })
    .selectOption(where.production.id);
  await page
    .getByRole('combobox', { name: 'Kafka cluster' })
    .selectOption(where.ordersProd.id);
  await page.getByRole('textbox', { name: 'Topic name' }).fill('ingest.');
  await page.getByRole('checkbox', { name: /^Prefix/ }).check();
  await page.getByRole('button', { name: 'Show who can reach it' }).click();

  const table = page.getByRole('table', {
    name: /^Pools that can reach topics "ingest\.\*" in cluster orders-prod/,
  });
  const writer = table.getByRole('row').filter({ hasText: 'ingest-gke-prod' });
  await expect(writer).toContainText('DeveloperWrite');
  await expect(writer).toContainText('Exact: the binding names it');
  await expect(
    table.getByRole('row').filter({ hasText: 'topic-provisioner' }),
  ).toContainText('Prefix binding');
  await expect(page).toHaveURL(/type=topic&name=ingest\.&prefix=1/);
  await expectAccessible(page);

  await writer.getByRole('link', { name: 'ingest-gke-prod' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'ingest-gke-prod' }),
  ).toBeVisible();
});

test('a pasted token: what it may do through every pool it lands in, and on one pool’s page', async ({
  page,
}) => {
  const claims = JSON.stringify({
    iss: 'https://accounts.google.com',
    aud: 'https://kafka.acme.example',
    email: 'ingest@acme-data.iam.gserviceaccount.com',
    sub: '109312345',
  });
  // The token is decoded and evaluated in the browser: no request carries it.
  const sent: string[] = [];
  page.on('request', (request) =>
    sent.push(`${request.url()} ${request.postData() ?? ''}`),
  );
  await page.goto('/');
  await page.getByRole('link', { name: 'Google Cloud workloads' }).click();
  await page.getByText('Find the pools a token lands in').click();
  await page.getByLabel('Token or claims to match').fill(claims);
  await page.getByRole('button', { name: 'Find matching pools' }).click();

  const summary = page.getByRole('list', {
    name: 'Everything this token may do',
  });
  const writes = summary.getByRole('listitem').filter({
    hasText: /^DeveloperWrite/,
  });
  await expect(writes.first()).toContainText(
    'on topics "ingest.*" in cluster orders-prod',
  );
  await expect(writes.first()).toContainText('Through ingest-gke-prod');
  await expect(writes.first()).toContainText(
    'on topic "clickstream.sessions" in cluster orders-prod',
  );
  await expect(
    summary
      .getByRole('listitem')
      .filter({ hasText: /^DeveloperRead/ })
      .first(),
  ).toContainText('on consumer groups "dataflow-*"');
  const landings = page.getByRole('list', { name: 'Pools it lands in' });
  await expect(
    landings.getByRole('listitem').filter({ hasText: 'dataflow-streaming' }),
  ).toContainText('as ingest@acme-data.iam.gserviceaccount.com (claims.email)');
  await expectAccessible(page);

  await landings.getByRole('link', { name: 'ingest-gke-prod' }).click();
  await expect(page.getByRole('tab', { name: 'Access' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.getByRole('tab', { name: 'Details' }).click();
  await page.getByLabel('Token or claims').fill(claims);
  const onePool = page.getByRole('list', {
    name: 'Everything this token may do',
  });
  await expect(onePool).toContainText('DeveloperWrite');
  await expect(onePool).toContainText(
    'on subjects "ingest.*" in Schema Registry',
  );
  await expect(onePool).not.toContainText('clickstream');
  await expect(
    page.getByRole('link', { name: 'find every pool it lands in' }),
  ).toBeVisible();
  expect(sent.length).toBeGreaterThan(5);
  expect(
    sent.filter((line) => /109312345|ingest%40|ingest@/.test(line)),
  ).toEqual([]);
});

test('risks: a catch-all pool with a powerful role warns on its Access tab, its edit form and the resource page; overlapping pools are pointed out', async ({
  page,
  emulator,
}) => {
  await page.goto('/search?q=legacy-catch-all');
  await page.getByRole('link', { name: 'legacy-catch-all' }).click();
  await page.getByRole('tab', { name: 'Access' }).click();
  const warning = page
    .getByRole('alert')
    .filter({ hasText: 'Every token of this provider gets a powerful role' });
  await expect(warning).toContainText(
    /Any token issued by https:\/\/acme\.okta\.com\/\S+ lands in legacy-catch-all \(its filter matches every token\), so it could act as CloudClusterAdmin on cluster dev-sandbox/,
  );
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(
    page.getByRole('status').filter({
      hasText:
        'With this filter, every token of the provider gets a powerful role',
    }),
  ).toContainText('CloudClusterAdmin on cluster dev-sandbox');

  await page.goto('/search?q=gcs-sink-staging');
  await page.getByRole('link', { name: 'gcs-sink-staging' }).click();
  await page.getByRole('tab', { name: 'Access' }).click();
  await page
    .getByRole('button', { name: 'Look for overlapping pools' })
    .click();
  const overlap = page
    .getByRole('list', { name: 'Overlapping pools' })
    .getByRole('listitem')
    .filter({ hasText: 'composer-dags' });
  await expect(overlap).toContainText(
    /lands in both this pool and composer-dags; this pool also gives DeveloperRead on topics "lakehouse\.\*"/,
  );
  await expectAccessible(page);

  const environments = await emulator.get<{
    data: { id: string; display_name: string }[];
  }>('/org/v2/environments?page_size=100');
  const nonProduction = environments.body.data.find(
    (each) => each.display_name === 'non-production',
  )!;
  const clusters = await emulator.get<{
    data: { id: string; spec: { display_name: string } }[];
  }>(`/cmk/v2/clusters?environment=${nonProduction.id}&page_size=100`);
  const sandbox = clusters.body.data.find(
    (each) => each.spec.display_name === 'dev-sandbox',
  )!;
  await page.goto(
    `/access?environment=${nonProduction.id}&cluster=${sandbox.id}&type=topic&name=scratch.events`,
  );
  await expect(
    page
      .getByRole('list', { name: 'Risks among these pools' })
      .getByRole('listitem')
      .first(),
  ).toContainText(
    /^legacy-catch-all \(Acme Okta\)Any token issued by .* so it could act as CloudClusterAdmin on cluster dev-sandbox/,
  );
});
