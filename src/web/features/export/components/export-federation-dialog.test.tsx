import { screen, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { beforeEach, expect, test } from 'vitest';
import { apiCall, resetEmulator } from '@/testing/emulator.ts';
import { renderApp } from '@/testing/render.tsx';

// The export dialogs of a group mapping, a certificate authority and a
// certificate pool, as their screens compose them, over the demo data.

beforeEach(() => resetEmulator('demo'));

type Named = { id: string; display_name: string };

function codeIn(dialog: HTMLElement, format: string): string {
  return within(dialog).getByRole<HTMLTextAreaElement>('textbox', {
    name: `${format} code`,
  }).value;
}

async function showTab(user: UserEvent, dialog: HTMLElement, name: string) {
  await user.click(within(dialog).getByRole('tab', { name }));
}

async function demoAuthority() {
  const authorities = await apiCall<{ data: Named[] }>(
    'GET',
    '/iam/v2/certificate-authorities?page_size=100',
  );
  const authority = authorities.data[0]!;
  const pools = await apiCall<{ data: Named[] }>(
    'GET',
    `/iam/v2/certificate-authorities/${authority.id}/identity-pools?page_size=100`,
  );
  return { authority, pools: pools.data };
}

test('a group mapping exports with its role bindings: Terraform, CLI with the filter always passed, curl by jq', async () => {
  const mappings = await apiCall<{ data: (Named & { principal: string })[] }>(
    'GET',
    '/iam/v2/sso/group-mappings?page_size=100',
  );
  const mapping = mappings.data.find(
    (each) => each.display_name === 'Platform engineers',
  )!;
  const { user } = renderApp(`/group-mappings/${mapping.id}`);
  await screen.findByRole('heading', { level: 1, name: 'Platform engineers' });
  await user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Export Platform engineers',
  });
  expect(
    await within(dialog).findByText(
      /^All \d+ role bindings of Platform engineers fetched: the export grants them too\.$/,
    ),
  ).toBeInTheDocument();

  const terraform = codeIn(dialog, 'Terraform');
  expect(terraform).toContain(
    `import {\n  to = confluent_group_mapping.platform_engineers\n  id = "${mapping.id}"\n}`,
  );
  expect(terraform).toContain(
    'resource "confluent_group_mapping" "platform_engineers" {',
  );
  expect(terraform).toContain('filter       = "\\"platform\\" in groups"');
  expect(terraform).toContain(
    'principal   = "User:${confluent_group_mapping.platform_engineers.id}"',
  );

  await showTab(user, dialog, 'CLI');
  const cli = codeIn(dialog, 'CLI');
  expect(cli).toContain('# The filter is always passed');
  expect(cli).toContain(
    "confluent iam group-mapping create 'Platform engineers'",
  );
  expect(cli).toContain(`--filter '"platform" in groups'`);
  expect(cli).toContain(
    'confluent iam group-mapping update "$GROUP_MAPPING_ID"',
  );

  await showTab(user, dialog, 'curl');
  const curl = codeIn(dialog, 'curl');
  expect(curl).toContain(`--arg filter '"platform" in groups'`);
  expect(curl).toContain('-X PATCH');
  expect(
    within(dialog).getByRole('button', {
      name: `Download ${mapping.id}-curl.sh`,
    }),
  ).toBeInTheDocument();
});

test('a certificate authority exports with every one of its pools, the chain read from its file', async () => {
  const { authority, pools } = await demoAuthority();
  const { user } = renderApp(`/certificate-authorities/${authority.id}`);
  await screen.findByRole('heading', {
    level: 1,
    name: authority.display_name,
  });
  await user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', {
    name: `Export ${authority.display_name}`,
  });
  expect(
    await within(dialog).findByText(
      `All ${pools.length} certificate pools of ${authority.display_name} fetched.`,
    ),
  ).toBeInTheDocument();
  const terraform = codeIn(dialog, 'Terraform');
  expect(terraform).toMatch(
    /certificate_chain\s+= file\("\$\{path\.module\}\/[^"]+\.pem"\)/,
  );
  for (const pool of pools) {
    expect(terraform).toContain(`id = "${authority.id}/${pool.id}"`);
  }
  expect(terraform).toContain(
    `filter              = "O == 'Acme' && CN.startsWith('orders-')"`,
  );

  await showTab(user, dialog, 'CLI');
  const cli = codeIn(dialog, 'CLI');
  expect(cli).toContain('--certificate-chain "$(cat "$CHAIN_FILE")"');
  expect(cli).toContain(
    `--filter 'O == '\\''Acme'\\'' && CN.startsWith('\\''orders-'\\'')'`,
  );
});

test('a certificate pool exports under its authority, imported as <CA id>/<pool id>, with its role bindings', async () => {
  const { authority, pools } = await demoAuthority();
  const orders = pools.find((each) => each.display_name === 'orders-services')!;
  const { user } = renderApp(
    `/certificate-authorities/${authority.id}/pools/${orders.id}`,
  );
  await screen.findByRole('heading', { level: 1, name: 'orders-services' });
  await user.click(screen.getByRole('button', { name: 'Export' }));
  const dialog = await screen.findByRole('dialog', {
    name: 'Export orders-services',
  });
  expect(
    await within(dialog).findByText(
      'All 3 role bindings of orders-services fetched: the export grants them too.',
    ),
  ).toBeInTheDocument();
  const terraform = codeIn(dialog, 'Terraform');
  expect(terraform).toContain(`id = "${authority.id}/${orders.id}"`);
  expect(terraform).toContain(
    `  certificate_authority {\n    id = "${authority.id}"\n  }`,
  );
  expect(terraform).toContain(
    'principal   = "User:${confluent_certificate_pool.orders_services.id}"',
  );
  await showTab(user, dialog, 'CLI');
  expect(codeIn(dialog, 'CLI')).toContain(
    'confluent iam certificate-pool update "$POOL_ID"',
  );
});
