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
