import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { buildCrn } from '#contract/crn.ts';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { apiCall, demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';
import { createTestPool } from '@/testing/writes.ts';

beforeEach(() => resetEmulator('demo'));

type Named = { id: string; display_name: string };
type Cluster = { id: string; spec: { display_name: string } };

async function directory() {
  const org = await apiCall<{ data: Named[] }>('GET', '/org/v2/organizations');
  const environments = await apiCall<{ data: Named[] }>(
    'GET',
    '/org/v2/environments?page_size=100',
  );
  const production = environments.data.find(
    (each) => each.display_name === 'production',
  )!;
  const nonProduction = environments.data.find(
    (each) => each.display_name === 'non-production',
  )!;
  const clusters = await apiCall<{ data: Cluster[] }>(
    'GET',
    `/cmk/v2/clusters?environment=${production.id}`,
  );
  const ordersProd = clusters.data.find(
    (each) => each.spec.display_name === 'orders-prod',
  )!;
  return { orgId: org.data[0]!.id, production, nonProduction, ordersProd };
}

async function demoPool(issuerPart: string, name: string) {
  const providerId = await demoProviderId(issuerPart);
  const list = await apiCall<{ data: Named[] }>(
    'GET',
    `/iam/v2/identity-providers/${providerId}/identity-pools?page_size=100`,
  );
  return {
    providerId,
    pool: list.data.find((each) => each.display_name === name)!,
  };
}

/** A new pool holding DeveloperRead on the topic `orders` of orders-prod. */
async function poolWithTopicBinding() {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  const { orgId, production, ordersProd } = await directory();
  const binding = await apiCall<{ id: string }>(
    'POST',
    '/iam/v2/role-bindings',
    {
      principal: `User:${pool.id}`,
      role_name: 'DeveloperRead',
      crn_pattern: buildCrn({
        organization: orgId,
        environment: production.id,
        cloudCluster: ordersProd.id,
        kafkaCluster: ordersProd.id,
        resource: { type: 'topic', name: 'orders' },
      }),
    },
  );
  return { okta, pool, binding, ordersProd };
}

function accessPath(providerId: string, poolId: string) {
  return `/providers/${providerId}/pools/${poolId}?tab=access`;
}

test('a demo pool’s bindings are grouped by environment and cluster, with names beside ids', async () => {
  const { providerId, pool } = await demoPool(
    'token.actions.githubusercontent.com',
    'topic-provisioner',
  );
  const { production, nonProduction, ordersProd } = await directory();
  renderApp(accessPath(providerId, pool.id));
  expect(await screen.findByRole('tab', { name: 'Access' })).toHaveAttribute(
    'aria-selected',
    'true',
  );

  const nonProd = await screen.findByRole('region', {
    name: `Environment non-production (${nonProduction.id})`,
  });
  const environmentRow = within(nonProd)
    .getByRole('cell', { name: 'EnvironmentAdmin' })
    .closest('tr')!;
  expect(environmentRow).toHaveTextContent('The whole environment');
  expect(environmentRow).toHaveTextContent('Whole scope');

  const prod = screen.getByRole('region', {
    name: `Environment production (${production.id})`,
  });
  const cluster = within(prod).getByRole('region', {
    name: `Cluster orders-prod (${ordersProd.id})`,
  });
  expect(cluster).toHaveTextContent('Dedicated');
  const topicRow = within(cluster)
    .getByRole('cell', { name: 'DeveloperManage' })
    .closest('tr')!;
  expect(topicRow).toHaveTextContent('Topic');
  expect(topicRow).toHaveTextContent('*');
  expect(topicRow).toHaveTextContent('Prefix');
});

test('granting DeveloperRead on a topic prefix shows it in the list, with the propagation notice', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  const { orgId, production, ordersProd } = await directory();
  const { user } = renderApp(accessPath(okta, pool.id));
  expect(
    await screen.findByText('This pool has no role bindings.'),
  ).toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Grant access' }));
  const dialog = await screen.findByRole('dialog', { name: 'Grant access' });
  await user.selectOptions(
    within(dialog).getByLabelText('Role'),
    within(dialog).getByRole('option', { name: /^DeveloperRead/ }),
  );
  expect(within(dialog).getByLabelText('Applies to')).toHaveValue('topic');
  await user.selectOptions(
    await within(dialog).findByLabelText('Environment'),
    `production (${production.id})`,
  );
  const clusterSelect = within(dialog).getByLabelText('Kafka cluster');
  // The environment's Basic cluster is listed, but cannot take a topic role.
  await user.selectOptions(
    clusterSelect,
    within(dialog).getByRole('option', { name: /^orders-prod/ }),
  );
  await user.type(within(dialog).getByLabelText('Topic name'), 'orders.');
  await user.click(within(dialog).getByRole('switch', { name: /^Prefix/ }));

  const crn = `crn://confluent.cloud/organization=${orgId}/environment=${production.id}/cloud-cluster=${ordersProd.id}/kafka=${ordersProd.id}/topic=orders.*`;
  expect(
    within(dialog).getByRole('figure', { name: 'CRN that will be sent' }),
  ).toHaveTextContent(crn);

  await user.click(within(dialog).getByRole('button', { name: 'Grant' }));
  const notice = await screen.findByText(/Confluent may take a minute or two/);
  expect(notice).toHaveTextContent(
    `Granted DeveloperRead on topics starting with “orders.” in cluster orders-prod (${ordersProd.id})`,
  );
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  const cluster = await screen.findByRole('region', {
    name: `Cluster orders-prod (${ordersProd.id})`,
  });
  const row = within(cluster)
    .getByRole('cell', { name: 'DeveloperRead' })
    .closest('tr')!;
  expect(row).toHaveTextContent('Topic');
  expect(row).toHaveTextContent('orders.*');
  expect(row).toHaveTextContent('Prefix');
});

test('a Basic cluster cannot be picked for a topic role, and the form says why', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  const { nonProduction } = await directory();
  const { user } = renderApp(accessPath(okta, pool.id));
  await user.click(await screen.findByRole('button', { name: 'Grant access' }));
  const dialog = await screen.findByRole('dialog', { name: 'Grant access' });
  await user.selectOptions(
    within(dialog).getByLabelText('Role'),
    within(dialog).getByRole('option', { name: /^DeveloperWrite/ }),
  );
  await user.selectOptions(
    within(dialog).getByLabelText('Environment'),
    `non-production (${nonProduction.id})`,
  );
  expect(
    within(dialog).getByRole('option', { name: /^dev-sandbox .*Basic/ }),
  ).toBeDisabled();
  expect(
    within(dialog).getByLabelText('Kafka cluster'),
  ).toHaveAccessibleDescription(/Basic clusters take cluster-level roles only/);
});

test('a refused grant is explained next to the form, which keeps what was chosen', async () => {
  const { providerId, pool } = await demoPool(
    'token.actions.githubusercontent.com',
    'topic-provisioner',
  );
  const { production } = await directory();
  const { user } = renderApp(accessPath(providerId, pool.id));
  await user.click(await screen.findByRole('button', { name: 'Grant access' }));
  const dialog = await screen.findByRole('dialog', { name: 'Grant access' });
  await user.selectOptions(
    within(dialog).getByLabelText('Role'),
    within(dialog).getByRole('option', { name: /^DeveloperManage/ }),
  );
  await user.selectOptions(
    within(dialog).getByLabelText('Environment'),
    `production (${production.id})`,
  );
  await user.selectOptions(
    within(dialog).getByLabelText('Kafka cluster'),
    within(dialog).getByRole('option', { name: /^orders-prod/ }),
  );

  // Checked before sending: a * inside a name is no CRN Confluent takes.
  await user.type(within(dialog).getByLabelText('Topic name'), 'ord*ers');
  await user.click(within(dialog).getByRole('button', { name: 'Grant' }));
  const local = await within(dialog).findByRole('alert');
  expect(local).toHaveTextContent('Confluent would refuse this grant');
  expect(local).toHaveTextContent('* may only end a resource name');

  // Sent: the pool already holds DeveloperManage on every topic there.
  await user.clear(within(dialog).getByLabelText('Topic name'));
  await user.click(within(dialog).getByRole('switch', { name: /^Prefix/ }));
  await user.click(within(dialog).getByRole('button', { name: 'Grant' }));
  const refusal = await within(dialog).findByRole('alert');
  await waitFor(() =>
    expect(refusal).toHaveTextContent('This pool already has this role there'),
  );
  expect(refusal).toHaveTextContent(/already holds DeveloperManage/);
  expect(within(dialog).getByLabelText('Role')).toHaveValue('DeveloperManage');
  expect(within(dialog).getByRole('switch', { name: /^Prefix/ })).toBeChecked();
});

test('a grant Confluent refuses with 403 keeps the form and names the cause', async () => {
  const { okta, pool } = await poolWithTopicBinding();
  const { user } = renderApp(accessPath(okta, pool.id));
  await user.click(await screen.findByRole('button', { name: 'Grant access' }));
  const dialog = await screen.findByRole('dialog', { name: 'Grant access' });
  await user.selectOptions(
    within(dialog).getByLabelText('Role'),
    within(dialog).getByRole('option', { name: /^MetricsViewer/ }),
  );
  expect(within(dialog).getByLabelText('Applies to')).toHaveValue(
    'organization',
  );
  // The pool goes away under the form: Confluent no longer knows the principal.
  const deleted = await fetch(
    new URL(
      `/api/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
      window.location.href,
    ),
    { method: 'DELETE', headers: { 'x-lifeguard-csrf': '1' } },
  );
  expect(deleted.status).toBe(204);
  await user.click(within(dialog).getByRole('button', { name: 'Grant' }));
  const refusal = await within(dialog).findByRole('alert');
  expect(refusal).toHaveTextContent(
    'Confluent does not take this pool as a principal',
  );
  expect(refusal).toHaveTextContent(/Confluent said: Forbidden Access/);
  expect(within(dialog).getByLabelText('Role')).toHaveValue('MetricsViewer');
});

test('revoking asks first, naming the role and the resource, then the list updates', async () => {
  const { okta, pool, ordersProd } = await poolWithTopicBinding();
  const { user } = renderApp(accessPath(okta, pool.id));
  await user.click(
    await screen.findByRole('button', {
      name: `Revoke DeveloperRead on topic “orders” in cluster orders-prod (${ordersProd.id})`,
    }),
  );
  const dialog = await screen.findByRole('alertdialog', {
    name: 'Revoke DeveloperRead?',
  });
  expect(dialog).toHaveAccessibleDescription(
    new RegExp(
      `User:${pool.id} loses DeveloperRead on topic “orders” in cluster orders-prod \\(${ordersProd.id}\\)`,
    ),
  );
  await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
  expect(
    await screen.findByText(/^Revoked DeveloperRead on topic “orders”/),
  ).toBeInTheDocument();
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  expect(
    await screen.findByText('This pool has no role bindings.'),
  ).toBeInTheDocument();
});

test('a binding revoked elsewhere is explained as gone (403 40301) and the list refreshes', async () => {
  const { okta, pool, binding } = await poolWithTopicBinding();
  const { user } = renderApp(accessPath(okta, pool.id));
  await user.click(
    await screen.findByRole('button', { name: /^Revoke DeveloperRead/ }),
  );
  const dialog = await screen.findByRole('alertdialog');
  // Another client revokes it first.
  await apiCall('DELETE', `/iam/v2/role-bindings/${binding.id}`);
  await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
  const problem = await within(dialog).findByRole('alert');
  expect(problem).toHaveTextContent('This role binding is already gone');
  expect(problem).toHaveTextContent(/role binding does not exist/);
  expect(
    within(dialog).queryByRole('button', { name: 'Revoke' }),
  ).not.toBeInTheDocument();
  expect(
    await screen.findByText('This pool has no role bindings.'),
  ).toBeInTheDocument();
  await user.click(within(dialog).getByRole('button', { name: 'Close' }));
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
});

test('a viewer sees the bindings but no Grant access or Revoke', async () => {
  const { providerId, pool } = await demoPool(
    'token.actions.githubusercontent.com',
    'topic-provisioner',
  );
  renderApp(accessPath(providerId, pool.id), { session: VIEWER_SESSION });
  expect(
    await screen.findByRole('cell', { name: 'DeveloperManage' }),
  ).toBeInTheDocument();
  expect(
    screen.getByText(/You can see this pool’s access but not change it/),
  ).toHaveTextContent(VIEWER_WRITE_REASON);
  expect(
    screen.queryByRole('button', { name: 'Grant access' }),
  ).not.toBeInTheDocument();
  expect(
    screen.queryByRole('button', { name: /^Revoke/ }),
  ).not.toBeInTheDocument();
});
