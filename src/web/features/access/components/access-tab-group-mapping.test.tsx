import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { buildCrn } from '#contract/crn.ts';
import { apiCall, resetEmulator } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

// The Access tab of a group mapping: the same tab as a pool's, composed by
// the group mapping screen with the mapping's principal (`User:group-…`).

beforeEach(() => resetEmulator('demo'));

type Named = { id: string; display_name: string };
type Mapping = Named & { principal: string };

async function demoMapping(name: string): Promise<Mapping> {
  const list = await apiCall<{ data: Mapping[] }>(
    'GET',
    '/iam/v2/sso/group-mappings?page_size=100',
  );
  const mapping = list.data.find((each) => each.display_name === name);
  if (!mapping) throw new Error(`no demo group mapping ${name}`);
  return mapping;
}

async function directory() {
  const environments = await apiCall<{ data: Named[] }>(
    'GET',
    '/org/v2/environments?page_size=100',
  );
  const nonProduction = environments.data.find(
    (each) => each.display_name === 'non-production',
  )!;
  return { nonProduction };
}

function accessPath(mappingId: string) {
  return `/group-mappings/${mappingId}?tab=access`;
}

test('a demo mapping’s bindings, worded for the SSO users it applies to, under its User:group-… principal', async () => {
  const mapping = await demoMapping('Platform engineers');
  const { nonProduction } = await directory();
  renderApp(accessPath(mapping.id));
  const tab = await screen.findByRole('region', { name: 'Access' });
  expect(
    await within(tab).findByText(
      /What SSO users this mapping applies to may then do/,
    ),
  ).toHaveTextContent(`the role bindings of User:${mapping.principal}`);
  const environment = await within(tab).findByRole('region', {
    name: `Environment non-production (${nonProduction.id})`,
  });
  expect(
    within(environment).getByRole('cell', { name: 'EnvironmentAdmin' }),
  ).toBeInTheDocument();
  expect(
    within(tab).getByRole('cell', { name: 'MetricsViewer' }),
  ).toBeInTheDocument();
  // Risks are an identity pool's: a mapping's tab shows none.
  expect(within(tab).queryByText(/overlap|broad/i)).not.toBeInTheDocument();
});

test('granting a role to a mapping sends its User:group-… principal, and revoking it takes it away', async () => {
  const mapping = await demoMapping('Data analysts');
  const requests = spyOnFetch();
  const { user } = renderApp(accessPath(mapping.id));
  const tab = await screen.findByRole('region', { name: 'Access' });
  await user.click(
    await within(tab).findByRole('button', { name: 'Grant access' }),
  );
  const dialog = await screen.findByRole('dialog', { name: 'Grant access' });
  expect(dialog).toHaveAccessibleDescription(
    /SSO users this mapping applies to may then do what the role allows/,
  );
  await user.selectOptions(
    within(dialog).getByLabelText('Role'),
    within(dialog).getByRole('option', { name: /^MetricsViewer/ }),
  );
  expect(within(dialog).getByLabelText('Applies to')).toHaveValue(
    'organization',
  );
  expect(
    within(dialog).getByRole('figure', { name: 'CRN that will be sent' }),
  ).toHaveTextContent(`Principal User:${mapping.principal}`);
  await user.click(within(dialog).getByRole('button', { name: 'Grant' }));
  expect(
    await screen.findByText(/^Granted MetricsViewer on the whole organization/),
  ).toHaveTextContent(
    'until then, SSO users this mapping applies to may still be refused',
  );
  const grant = requests.sent.find(
    (request) =>
      request.method === 'POST' &&
      request.url.pathname === '/api/iam/v2/role-bindings',
  );
  expect(JSON.parse(grant!.body!)).toMatchObject({
    principal: `User:${mapping.principal}`,
    role_name: 'MetricsViewer',
  });

  await user.click(
    await within(tab).findByRole('button', {
      name: /^Revoke MetricsViewer on the whole organization/,
    }),
  );
  const confirm = await screen.findByRole('alertdialog', {
    name: 'Revoke MetricsViewer?',
  });
  expect(confirm).toHaveAccessibleDescription(
    new RegExp(
      `User:${mapping.principal} loses MetricsViewer .* SSO users this mapping applies to can no longer do what it allowed`,
    ),
  );
  await user.click(within(confirm).getByRole('button', { name: 'Revoke' }));
  expect(
    await screen.findByText(/^Revoked MetricsViewer on the whole organization/),
  ).toBeInTheDocument();
  expect(
    within(tab).queryByRole('cell', { name: 'MetricsViewer' }),
  ).not.toBeInTheDocument();
});

test('a new mapping has no role bindings, said in its own words; a viewer may not grant', async () => {
  const created = await apiCall<Mapping>('POST', '/iam/v2/sso/group-mappings', {
    display_name: `component-test-${Date.now().toString(36)}`,
    description: '',
    filter: '"testers" in groups',
  });
  renderApp(accessPath(created.id), { session: VIEWER_SESSION });
  expect(
    await screen.findByText('This group mapping has no role bindings.'),
  ).toBeInTheDocument();
  expect(
    screen.getByText(/SSO users it applies to get no roles from it/),
  ).toBeInTheDocument();
  expect(
    screen.getByText(
      /You can see this group mapping’s access but not change it/,
    ),
  ).toHaveTextContent(VIEWER_WRITE_REASON);
  expect(
    screen.queryByRole('button', { name: 'Grant access' }),
  ).not.toBeInTheDocument();
});

test('a mapping whose filter matches every SSO user and that holds a powerful role is warned about', async () => {
  const org = await apiCall<{ data: Named[] }>('GET', '/org/v2/organizations');
  const environments = await apiCall<{ data: Named[] }>(
    'GET',
    '/org/v2/environments?page_size=100',
  );
  const production = environments.data.find(
    (each) => each.display_name === 'production',
  )!;
  const clusters = await apiCall<{
    data: { id: string; spec: { display_name: string } }[];
  }>('GET', `/cmk/v2/clusters?environment=${production.id}`);
  const ordersProd = clusters.data.find(
    (each) => each.spec.display_name === 'orders-prod',
  )!;
  const created = await apiCall<Mapping>('POST', '/iam/v2/sso/group-mappings', {
    display_name: 'Stream engineers',
    description: '',
    filter: 'true',
  });
  await apiCall('POST', '/iam/v2/role-bindings', {
    principal: `User:${created.principal}`,
    role_name: 'CloudClusterAdmin',
    crn_pattern: buildCrn({
      organization: org.data[0]!.id,
      environment: production.id,
      cloudCluster: ordersProd.id,
    }),
  });
  renderApp(accessPath(created.id));
  const tab = await screen.findByRole('region', { name: 'Access' });
  const title = await within(tab).findByText(
    'Every SSO user gets a powerful role',
  );
  const warning = title.parentElement!;
  expect(warning).toHaveTextContent(
    `Every SSO user of the organisation gets Stream engineers (its filter matches every user), so they could act as CloudClusterAdmin on cluster orders-prod (${ordersProd.id}) (environment production (${production.id})).`,
  );
  expect(warning).toHaveTextContent(/test the user’s groups/);
  // The overlap check stays an identity pool's.
  expect(within(tab).queryByText(/overlap/i)).not.toBeInTheDocument();
});

test('the demo mapping Everyone matches every SSO user but gives only harmless roles: no warning', async () => {
  const mapping = await demoMapping('Everyone');
  renderApp(accessPath(mapping.id));
  const tab = await screen.findByRole('region', { name: 'Access' });
  expect(
    await within(tab).findByRole('cell', { name: 'FlinkDeveloper' }),
  ).toBeInTheDocument();
  expect(
    within(tab).queryByText(/gets a powerful role/),
  ).not.toBeInTheDocument();
});
