import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import {
  apiCall,
  demoProviderId,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

type Pool = { id: string; display_name: string; principal: string };

async function openDeleteDialog() {
  const okta = await demoProviderId('okta.com');
  const list = await apiCall<{ data: Pool[] }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=1`,
  );
  const pool = list.data[0]!;
  const view = renderApp(`/providers/${okta}/pools/${pool.id}`);
  await view.user.click(await screen.findByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('alertdialog', {
    name: `Delete ${pool.display_name}?`,
  });
  return { ...view, okta, pool, dialog };
}

test('Delete stays disabled until the pool’s exact name is typed', async () => {
  const { user, pool, dialog } = await openDeleteDialog();
  expect(dialog).toHaveTextContent('This cannot be undone');
  expect(dialog).toHaveTextContent(`User:${pool.principal}`);
  const confirm = within(dialog).getByRole('button', { name: 'Delete' });
  const input = within(dialog).getByLabelText(
    `Type ${pool.display_name} to confirm`,
  );
  expect(confirm).toBeDisabled();

  await user.type(input, pool.display_name.toUpperCase());
  expect(confirm).toBeDisabled();
  await user.clear(input);
  await user.type(input, pool.display_name.slice(0, -1));
  expect(confirm).toBeDisabled();
  await user.type(input, pool.display_name.slice(-1));
  expect(confirm).toBeEnabled();
});

test('Cancel closes the dialog and keeps the pool', async () => {
  const { user, okta, pool, dialog } = await openDeleteDialog();
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Delete' })).toHaveFocus();
  const stored = await apiCall<Pool>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
  );
  expect(stored.id).toBe(pool.id);
});

test('deleting goes back to the provider’s pools, and the pool is gone', async () => {
  const { user, router, okta, pool, dialog } = await openDeleteDialog();
  await user.type(
    within(dialog).getByLabelText(`Type ${pool.display_name} to confirm`),
    `${pool.display_name}{Enter}`,
  );

  expect(
    await screen.findByText(`Deleted ${pool.display_name}`),
  ).toBeInTheDocument();
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Acme Okta' }),
  ).toBeInTheDocument();
  expect(router.state.location.pathname).toBe(`/providers/${okta}`);
  const gone = await apiCall<{ error_code: number }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
  );
  expect(gone.error_code).toBe(404);
});

test('a failed delete is explained inside the dialog, which stays open', async () => {
  const { user, okta, pool, dialog } = await openDeleteDialog();
  await injectFault({
    match: { method: 'DELETE' },
    respond: { status: 500 },
    times: 1,
  });
  await user.type(
    within(dialog).getByLabelText(`Type ${pool.display_name} to confirm`),
    pool.display_name,
  );
  await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

  const alert = await within(dialog).findByRole('alert');
  expect(alert).toHaveTextContent('Request id');
  expect(within(dialog).getByRole('button', { name: 'Delete' })).toBeEnabled();
  const stored = await apiCall<Pool>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
  );
  expect(stored.id).toBe(pool.id);
});

async function openDeleteDialogOf(issuerPart: string, name: string) {
  const providerId = await demoProviderId(issuerPart);
  const list = await apiCall<{ data: Pool[] }>(
    'GET',
    `/iam/v2/identity-providers/${providerId}/identity-pools?page_size=100`,
  );
  const pool = list.data.find((each) => each.display_name === name)!;
  const view = renderApp(`/providers/${providerId}/pools/${pool.id}`);
  await view.user.click(await screen.findByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('alertdialog', {
    name: `Delete ${name}?`,
  });
  return { ...view, providerId, pool, dialog };
}

test('the dialog lists the pool’s role bindings and says they are deleted with it', async () => {
  const { dialog } = await openDeleteDialogOf(
    'token.actions.githubusercontent.com',
    'topic-provisioner',
  );
  expect(
    await within(dialog).findByText('Its 3 role bindings are deleted with it:'),
  ).toBeInTheDocument();
  const list = within(dialog).getByRole('list', {
    name: 'Role bindings deleted with the pool',
  });
  const items = within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent);
  expect(items).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^EnvironmentAdmin on environment env-\w+$/),
      expect.stringMatching(
        /^DeveloperManage on every topic in Kafka cluster lkc-\w+ \(env-\w+\)$/,
      ),
      expect.stringMatching(
        /^ResourceOwner on identity pool “pool-\w+” in identity provider op-\w+$/,
      ),
    ]),
  );
  expect(items).toHaveLength(3);
  expect(dialog).toHaveTextContent(
    'Bindings that give others rights on the pool itself, such as its owner’s, are deleted too.',
  );
});

test('a pool without role bindings says so', async () => {
  const okta = await demoProviderId('okta.com');
  const created = await apiCall<Pool>(
    'POST',
    `/iam/v2/identity-providers/${okta}/identity-pools`,
    {
      display_name: 'bare',
      description: '',
      identity_claim: 'claims.sub',
      filter: 'true',
    },
  );
  const { user } = renderApp(`/providers/${okta}/pools/${created.id}`);
  await user.click(await screen.findByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('alertdialog', {
    name: 'Delete bare?',
  });
  expect(
    await within(dialog).findByText('It holds no role bindings.'),
  ).toBeInTheDocument();
  expect(within(dialog).queryByRole('list')).not.toBeInTheDocument();
});

test('bindings that cannot be listed are said to be so, and deleting still works', async () => {
  await injectFault({
    match: { method: 'GET', path: '^/iam/v2/role-bindings' },
    respond: { status: 500 },
    times: 1,
  });
  const { user, providerId, pool, dialog } = await openDeleteDialogOf(
    'accounts.google.com',
    'reporting-cloud-run',
  );
  expect(
    await within(dialog).findByText(
      /Lifeguard could not list its role bindings/,
    ),
  ).toHaveTextContent('Any it has are deleted with it.');

  await user.click(
    within(dialog).getByRole('button', { name: 'Try listing them again' }),
  );
  expect(
    await within(dialog).findByText('Its 2 role bindings are deleted with it:'),
  ).toBeInTheDocument();

  await user.type(
    within(dialog).getByLabelText(`Type ${pool.display_name} to confirm`),
    `${pool.display_name}{Enter}`,
  );
  expect(
    await screen.findByText(`Deleted ${pool.display_name}`),
  ).toBeInTheDocument();
  const left = await apiCall<{ metadata: { total_size: number } }>(
    'GET',
    `/iam/v2/role-bindings?principal=User:${pool.id}&crn_pattern=${encodeURIComponent('crn://confluent.cloud/')}*`,
  );
  expect(left.metadata.total_size).toBe(0);
  expect(providerId).toBeTruthy();
});
