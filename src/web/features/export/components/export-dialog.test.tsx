import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, onTestFinished, test, vi } from 'vitest';
import {
  apiCall,
  demoProviderId,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';
import { createTestPool } from '@/testing/writes.ts';

beforeEach(() => resetEmulator('demo'));

// Valid CEL that trips every kind of quoting: quotes of both kinds, a
// backslash, Terraform's template sequences, a newline.
const HOSTILE_FILTER =
  'claims.aud == "${aud}" && claims.name != \'it\\\'s\'\n&& claims.path != "C:\\\\%{x}"';

/** Captures what the Download button hands to the browser. */
function captureDownloads() {
  const saved: { blob: Blob; filename: string }[] = [];
  const blobs = new Map<string, Blob>();
  let next = 0;
  // jsdom has no object URLs, and an anchor click would try to navigate.
  const createObjectURL = vi.fn((blob: Blob) => {
    const url = `blob:test/${(next += 1)}`;
    blobs.set(url, blob);
    return url;
  });
  const revokeObjectURL = vi.fn();
  Object.assign(URL, { createObjectURL, revokeObjectURL });
  const click = vi
    .spyOn(HTMLAnchorElement.prototype, 'click')
    .mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ blob: blobs.get(this.href)!, filename: this.download });
    });
  onTestFinished(() => {
    click.mockRestore();
    Reflect.deleteProperty(URL, 'createObjectURL');
    Reflect.deleteProperty(URL, 'revokeObjectURL');
  });
  return saved;
}

/** The read-only code of a tab of the export dialog. */
function codeIn(dialog: HTMLElement, format: string): string {
  return within(dialog).getByRole<HTMLTextAreaElement>('textbox', {
    name: `${format} code`,
  }).value;
}

async function openPoolExport(options: Parameters<typeof renderApp>[1] = {}) {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta, {
    display_name: 'Export me',
    description: 'Said "hi" at 100%{',
    filter: HOSTILE_FILTER,
  });
  const view = renderApp(`/providers/${okta}/pools/${pool.id}`, options);
  await screen.findByRole('heading', { level: 1, name: 'Export me' });
  await view.user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Export Export me',
  });
  // The code shows once the pool's role bindings are read (it has none).
  await within(dialog).findByText('Export me holds no role bindings.');
  return { ...view, okta, pool, dialog };
}

test('a pool exports as Terraform with its import block and the filter escaped, copied and downloaded as is', async () => {
  const downloads = captureDownloads();
  const { user, okta, pool, dialog } = await openPoolExport();
  expect(
    within(dialog).getByRole('tab', { name: 'Terraform', selected: true }),
  ).toBeInTheDocument();
  const text = codeIn(dialog, 'Terraform');
  expect(text).toContain(
    `import {\n  to = confluent_identity_pool.export_me\n  id = "${okta}/${pool.id}"\n}`,
  );
  expect(text).toContain(`resource "confluent_identity_pool" "export_me" {`);
  expect(text).toContain(`    id = "${okta}"`);
  // Quotes and backslashes escaped, ${ and %{ doubled, the newline as \n.
  expect(text).toContain(
    String.raw`  filter         = "claims.aud == \"${'$${aud}'}\" && claims.name != 'it\\'s'\n&& claims.path != \"C:\\\\%%{x}\""`,
  );
  expect(text).toContain(
    String.raw`  description    = "Said \"hi\" at 100%%{"`,
  );

  await user.click(
    within(dialog).getByRole('button', { name: 'Copy Terraform code' }),
  );
  expect(await navigator.clipboard.readText()).toBe(text);
  expect(
    within(dialog).getByRole('button', { name: 'Copy Terraform code' }),
  ).toHaveTextContent('Copied');

  await user.click(
    within(dialog).getByRole('button', { name: `Download ${pool.id}.tf` }),
  );
  expect(downloads).toHaveLength(1);
  expect(downloads[0]!.filename).toBe(`${pool.id}.tf`);
  expect(downloads[0]!.blob.type).toBe('text/plain;charset=utf-8');
  expect(await downloads[0]!.blob.text()).toBe(text);
});

test('the other tabs: CLI commands, curl with the key from the environment, the pool as JSON', async () => {
  const downloads = captureDownloads();
  const { user, okta, pool, dialog } = await openPoolExport();

  await user.click(within(dialog).getByRole('tab', { name: 'CLI' }));
  const cli = codeIn(dialog, 'CLI');
  expect(cli).toContain(
    `confluent iam pool create 'Export me' \\\n  --provider ${okta} \\`,
  );
  // Single quotes around the filter; its own ' written as '\''.
  expect(cli).toContain(
    `  --filter 'claims.aud == "\${aud}" && claims.name != '\\''it\\'\\''s'\\''\n&& claims.path != "C:\\\\%{x}"' \\`,
  );

  await user.click(within(dialog).getByRole('tab', { name: 'curl' }));
  const curl = codeIn(dialog, 'curl');
  expect(curl).toContain(
    `curl -sS -X POST "$CONFLUENT_API/iam/v2/identity-providers/${okta}/identity-pools"`,
  );
  expect(curl).toContain(
    '-u "$CONFLUENT_CLOUD_API_KEY:$CONFLUENT_CLOUD_API_SECRET"',
  );
  await user.click(
    within(dialog).getByRole('button', { name: `Download ${pool.id}-curl.sh` }),
  );
  expect(downloads[0]!.filename).toBe(`${pool.id}-curl.sh`);
  expect(downloads[0]!.blob.type).toBe('text/x-shellscript;charset=utf-8');

  await user.click(within(dialog).getByRole('tab', { name: 'JSON' }));
  const json = codeIn(dialog, 'JSON');
  const stored = await apiCall<Record<string, unknown>>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
  );
  expect(JSON.parse(json)).toEqual({
    identity_pool: stored,
    role_bindings: [],
  });

  await user.click(within(dialog).getByRole('button', { name: 'Close' }));
  await waitFor(() =>
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
  );
  expect(screen.getByRole('button', { name: 'Export' })).toHaveFocus();
});

test('viewers may export too: it changes nothing', async () => {
  const { dialog } = await openPoolExport({ session: VIEWER_SESSION });
  expect(codeIn(dialog, 'Terraform')).toContain('confluent_identity_pool');
});

test('a provider exports with all its pools, fetched with progress, and can be stopped and fetched again', async () => {
  const okta = await demoProviderId('okta.com');
  // Hold the second page back until the test lets it go.
  let releaseSecondPage: () => void = () => {};
  const secondPageHeld = new Promise<void>((resolve) => {
    releaseSecondPage = resolve;
  });
  let bulkPages = 0;
  spyOnFetch(async (request, forward) => {
    const isBulkPage =
      request.url.pathname.endsWith('/identity-pools') &&
      request.url.searchParams.get('page_size') === '100';
    if (isBulkPage && (bulkPages += 1) === 2) await secondPageHeld;
    return forward();
  });
  const { user } = renderApp(`/providers/${okta}`);
  await screen.findByRole('heading', { level: 1, name: 'Acme Okta' });
  await user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Export Acme Okta',
  });
  expect(
    await within(dialog).findByText('Fetched 100 of 263 pools…'),
  ).toBeInTheDocument();
  expect(within(dialog).getByLabelText('Pools fetched')).toHaveAttribute(
    'value',
    '100',
  );

  // Stop: the walk ends (the held page goes out already aborted), nothing
  // is exported, and it can start again.
  await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
  releaseSecondPage();
  expect(
    await within(dialog).findByText(/Stopped after 100 pools/),
  ).toBeInTheDocument();
  expect(within(dialog).queryByRole('tablist')).not.toBeInTheDocument();
  expect(
    within(dialog).getByRole('button', { name: 'Fetch again' }),
  ).toHaveFocus();
  await user.click(within(dialog).getByRole('button', { name: 'Fetch again' }));

  expect(
    await within(dialog).findByText('All 263 pools of Acme Okta fetched.'),
  ).toBeInTheDocument();
  const text = codeIn(dialog, 'Terraform');
  expect(text).toContain(`resource "confluent_identity_provider" "acme_okta"`);
  expect(text).toContain(
    `  to = confluent_identity_provider.acme_okta\n  id = "${okta}"`,
  );
  expect(text.match(/^resource "confluent_identity_pool" /gm)).toHaveLength(
    263,
  );
  const poolImports = [...text.matchAll(/^ {2}id = "([^"]+)"$/gm)].map(
    (match) => match[1],
  );
  expect(poolImports).toHaveLength(264);
  expect(
    poolImports.slice(1).every((id) => id!.startsWith(`${okta}/pool-`)),
  ).toBe(true);
  expect(text).toContain('    id = confluent_identity_provider.acme_okta.id');
  // The first walk stopped at page 2; the second fetched all three pages.
  expect(bulkPages).toBe(5);
});

test('a provider export walks terse pages as the live service sends them: no api_version or total_size, data null or left out', async () => {
  const okta = await demoProviderId('okta.com');
  let bulkPages = 0;
  spyOnFetch(async (request, forward) => {
    const isBulkPage =
      request.url.pathname.endsWith('/identity-pools') &&
      request.url.searchParams.get('page_size') === '100';
    if (!isBulkPage) return forward();
    bulkPages += 1;
    const page = (await (await forward()).json()) as Record<string, unknown>;
    const { metadata } = page as { metadata: { next?: string } };
    // Page 1 as recorded, page 2 with data null, page 3 without data.
    return Response.json({
      kind: page.kind,
      metadata: { next: metadata.next },
      ...(bulkPages === 1 ? { data: page.data } : {}),
      ...(bulkPages === 2 ? { data: null } : {}),
    });
  });
  const { user } = renderApp(`/providers/${okta}`);
  await screen.findByRole('heading', { level: 1, name: 'Acme Okta' });
  await user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Export Acme Okta',
  });
  expect(
    await within(dialog).findByText('All 100 pools of Acme Okta fetched.'),
  ).toBeInTheDocument();
  expect(bulkPages).toBe(3);
  expect(
    codeIn(dialog, 'Terraform').match(/^resource "confluent_identity_pool" /gm),
  ).toHaveLength(100);
});

test('Terraform goes into an existing configuration by default (resources and imports only); on its own it gets the terraform block with the provider pinned', async () => {
  const { user, dialog } = await openPoolExport();
  const existing = within(dialog).getByRole('radio', {
    name: /Into an existing configuration/,
  });
  expect(existing).toBeChecked();
  const resourcesOnly = codeIn(dialog, 'Terraform');
  expect(resourcesOnly).not.toMatch(/^terraform \{/m);
  expect(resourcesOnly).toContain(
    '# Resources and import blocks only, to add to a configuration that already',
  );
  expect(resourcesOnly).toContain('resource "confluent_identity_pool"');

  await user.click(
    within(dialog).getByRole('radio', {
      name: /As a configuration of its own/,
    }),
  );
  const standalone = codeIn(dialog, 'Terraform');
  expect(standalone).toMatch(/^terraform \{/m);
  expect(standalone).toContain(
    '      source  = "confluentinc/confluent"\n      version = "~> 2.83"',
  );
  await user.click(
    within(dialog).getByRole('button', { name: 'Copy Terraform code' }),
  );
  expect(await navigator.clipboard.readText()).toBe(standalone);
});

test('a provider without a description: the warning says `terraform plan` fails, and a description typed for the export goes into the Terraform only', async () => {
  const keycloak = await demoProviderId('sso.staging.acme.example');
  const requests = spyOnFetch();
  const { user } = renderApp(`/providers/${keycloak}`);
  await screen.findByRole('heading', { level: 1, name: 'Keycloak (staging)' });
  await user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Export Keycloak (staging)',
  });
  expect(
    await within(dialog).findByText(
      'All 0 pools of Keycloak (staging) fetched.',
    ),
  ).toBeInTheDocument();
  expect(within(dialog).getByRole('alert')).toHaveTextContent(
    'the confluentinc/confluent provider validates `description` as non-empty, so `terraform plan` fails on this file as it is. Fill in a description before copying',
  );
  expect(codeIn(dialog, 'Terraform')).toContain('  description    = ""');

  await user.type(
    within(dialog).getByLabelText('Provider description for this file'),
    'Staging SSO "platform"',
  );
  const text = codeIn(dialog, 'Terraform');
  expect(text).toContain('  description    = "Staging SSO \\"platform\\""');
  expect(text).toContain(
    '# Confluent holds no description for this provider: this one is only in',
  );
  expect(within(dialog).getByRole('alert')).toHaveTextContent(
    'differs from what Confluent holds (none)',
  );
  // The other formats show what Confluent holds.
  await user.click(within(dialog).getByRole('tab', { name: 'JSON' }));
  expect(JSON.parse(codeIn(dialog, 'JSON')).identity_provider.description).toBe(
    '',
  );
  await user.click(within(dialog).getByRole('tab', { name: 'Terraform' }));
  await user.click(
    within(dialog).getByRole('button', { name: 'Copy Terraform code' }),
  );
  expect(await navigator.clipboard.readText()).toBe(text);

  // Nothing was written to Confluent.
  expect(requests.sent.filter((request) => request.method !== 'GET')).toEqual(
    [],
  );
  const stored = await apiCall<{ description: string }>(
    'GET',
    `/iam/v2/identity-providers/${keycloak}`,
  );
  expect(stored.description).toBe('');
});

test('a provider with a description offers no field to fill it', async () => {
  const github = await demoProviderId('githubusercontent.com');
  const { user } = renderApp(`/providers/${github}`);
  await screen.findByRole('heading', { level: 1, name: 'GitHub Actions' });
  await user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Export GitHub Actions',
  });
  await within(dialog).findByText('All 3 pools of GitHub Actions fetched.');
  expect(
    within(dialog).queryByLabelText('Provider description for this file'),
  ).not.toBeInTheDocument();
  expect(
    within(dialog).queryByText(/validates `description` as non-empty/),
  ).not.toBeInTheDocument();
  expect(codeIn(dialog, 'Terraform')).toContain(
    '# Identity provider "GitHub Actions"',
  );
});

type Binding = {
  id: string;
  principal: string;
  role_name: string;
  crn_pattern: string;
};

/** A demo pool with role bindings, and its bindings as the API lists them. */
async function demoPoolWithBindings(name: string) {
  const github = await demoProviderId('githubusercontent.com');
  const pools = await apiCall<{ data: { id: string; display_name: string }[] }>(
    'GET',
    `/iam/v2/identity-providers/${github}/identity-pools?page_size=100`,
  );
  const pool = pools.data.find((each) => each.display_name === name)!;
  const organizations = await apiCall<{ data: { id: string }[] }>(
    'GET',
    '/org/v2/organizations',
  );
  const query = new URLSearchParams({
    principal: `User:${pool.id}`,
    crn_pattern: `crn://confluent.cloud/organization=${organizations.data[0]!.id}/*`,
    page_size: '100',
  });
  const bindings = await apiCall<{ data: Binding[] }>(
    'GET',
    `/iam/v2/role-bindings?${query}`,
  );
  return { github, pool, bindings: bindings.data };
}

test('a pool with role bindings exports them: Terraform resources with import blocks, CLI grants, curl calls and JSON', async () => {
  const { github, pool, bindings } =
    await demoPoolWithBindings('topic-provisioner');
  expect(bindings.length).toBeGreaterThan(0);
  const requests = spyOnFetch();
  const { user } = renderApp(`/providers/${github}/pools/${pool.id}`);
  await screen.findByRole('heading', { level: 1, name: 'topic-provisioner' });
  await user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Export topic-provisioner',
  });
  expect(
    await within(dialog).findByText(
      `All ${bindings.length} role bindings of topic-provisioner fetched: the export grants them too.`,
    ),
  ).toBeInTheDocument();
  // One org-wide inclusive query for the pool's principal.
  const listed = requests.sent.filter((request) =>
    request.url.pathname.endsWith('/iam/v2/role-bindings'),
  );
  expect(listed).toHaveLength(1);
  expect(listed[0]!.url.searchParams.get('principal')).toBe(`User:${pool.id}`);
  expect(listed[0]!.url.searchParams.get('crn_pattern')).toMatch(
    /^crn:\/\/confluent\.cloud\/organization=[^/]+\/\*$/,
  );

  const terraform = codeIn(dialog, 'Terraform');
  expect(terraform.match(/^resource "confluent_role_binding" /gm)).toHaveLength(
    bindings.length,
  );
  for (const binding of bindings) {
    expect(terraform).toMatch(
      new RegExp(
        `import \\{\\n  to = confluent_role_binding\\.topic_provisioner_\\w+\\n  id = "${binding.id}"\\n\\}`,
      ),
    );
    expect(terraform).toContain(`  role_name   = "${binding.role_name}"`);
    expect(terraform).toContain(`  crn_pattern = "${binding.crn_pattern}"`);
  }
  expect(terraform).toContain(
    '  principal   = "User:${confluent_identity_pool.topic_provisioner.id}"',
  );

  await user.click(within(dialog).getByRole('tab', { name: 'CLI' }));
  const cli = codeIn(dialog, 'CLI');
  // Its ResourceOwner binding on another pool (connector-deploy) has no CLI
  // flags: left out, and the tab warns.
  const onAPool = bindings.filter((binding) =>
    binding.crn_pattern.includes('/identity-pool='),
  );
  expect(onAPool).toHaveLength(1);
  expect(cli.match(/^confluent iam rbac role-binding create /gm)).toHaveLength(
    bindings.length - 1,
  );
  expect(cli).toContain('  --principal "User:$POOL_ID" \\');
  expect(within(dialog).getByRole('alert')).toHaveTextContent(
    `The CLI script leaves out role binding ${onAPool[0]!.id} (ResourceOwner on ${onAPool[0]!.crn_pattern}): the CLI has no flag for an identity provider`,
  );

  await user.click(within(dialog).getByRole('tab', { name: 'curl' }));
  expect(
    codeIn(dialog, 'curl').match(
      /^curl -sS -X POST "\$CONFLUENT_API\/iam\/v2\/role-bindings"/gm,
    ),
  ).toHaveLength(bindings.length);

  await user.click(within(dialog).getByRole('tab', { name: 'JSON' }));
  const json = JSON.parse(codeIn(dialog, 'JSON')) as {
    role_bindings: Binding[];
  };
  expect(json.role_bindings.map((binding) => binding.id).sort()).toEqual(
    bindings.map((binding) => binding.id).sort(),
  );
  // Nothing was written to Confluent.
  expect(requests.sent.filter((request) => request.method !== 'GET')).toEqual(
    [],
  );
});

test('role bindings that cannot be read: the error with a retry, and the pool exported without them', async () => {
  const { github, pool, bindings } =
    await demoPoolWithBindings('topic-provisioner');
  await injectFault({
    match: { method: 'GET', path: '^/iam/v2/role-bindings' },
    respond: { status: 403 },
    times: 1,
  });
  const { user } = renderApp(`/providers/${github}/pools/${pool.id}`);
  await screen.findByRole('heading', { level: 1, name: 'topic-provisioner' });
  await user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Export topic-provisioner',
  });
  expect(
    await within(dialog).findByText(
      'The pool’s role bindings could not be read: the export below leaves them out.',
    ),
  ).toBeInTheDocument();
  expect(codeIn(dialog, 'Terraform')).not.toContain('confluent_role_binding');
  expect(codeIn(dialog, 'Terraform')).toContain(
    'resource "confluent_identity_pool" "topic_provisioner"',
  );

  expect(
    within(dialog).getByText(
      'Lifeguard’s credentials are not allowed to do this',
    ),
  ).toBeInTheDocument();
  await user.click(within(dialog).getByRole('button', { name: 'Fetch again' }));
  expect(
    await within(dialog).findByText(
      `All ${bindings.length} role bindings of topic-provisioner fetched: the export grants them too.`,
    ),
  ).toBeInTheDocument();
  expect(
    codeIn(dialog, 'Terraform').match(/^resource "confluent_role_binding" /gm),
  ).toHaveLength(bindings.length);
});
