import { act, screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { apiCall, demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { filterField } from '@/testing/filter-field.ts';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

type Pool = {
  id: string;
  display_name: string;
  description: string;
  identity_claim: string;
  filter: string;
};

async function firstOktaPool() {
  const okta = await demoProviderId('okta.com');
  const list = await apiCall<{ data: Pool[] }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=1`,
  );
  const pool = list.data[0]!;
  return {
    okta,
    pool,
    path: `/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
  };
}

test('the form starts from the pool, and Save waits for a change', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  const name = await screen.findByLabelText('Display name');
  expect(name).toHaveValue(pool.display_name);
  expect(screen.getByLabelText('Description')).toHaveValue(pool.description);
  expect(screen.getByLabelText('Identity claim')).toHaveValue(
    pool.identity_claim,
  );
  expect((await filterField()).value()).toBe(pool.filter);
  expect(document.title).toBe(`Edit ${pool.display_name} · Lifeguard`);

  const save = screen.getByRole('button', { name: 'Save changes' });
  expect(save).toBeDisabled();
  expect(save).toHaveAccessibleDescription('No changes to save');

  await user.type(name, '!');
  expect(save).toBeEnabled();
  expect(screen.queryByText('No changes to save')).not.toBeInTheDocument();

  await user.type(name, '{Backspace}');
  expect(save).toBeDisabled();
});

test('saving sends only the changed field, leaving others’ edits alone', async () => {
  const { okta, pool, path } = await firstOktaPool();
  const { user, router } = renderApp(
    `/providers/${okta}/pools/${pool.id}/edit`,
  );
  const description = await screen.findByLabelText('Description');
  // Someone else changes the filter after this form loaded it.
  const elsewhere = 'claims.sub == "changed-elsewhere"';
  await apiCall('PATCH', path, { filter: elsewhere });

  await user.clear(description);
  await user.type(description, 'Edited here.');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  expect(
    await screen.findByRole('heading', { level: 1, name: pool.display_name }),
  ).toBeInTheDocument();
  expect(screen.getByText(`Saved ${pool.display_name}`)).toBeInTheDocument();
  expect(router.state.location.pathname).toBe(
    `/providers/${okta}/pools/${pool.id}`,
  );
  expect(screen.getByText('Edited here.')).toBeInTheDocument();
  const stored = await apiCall<Pool>('GET', path);
  expect(stored).toMatchObject({
    display_name: pool.display_name,
    description: 'Edited here.',
    identity_claim: pool.identity_claim,
    filter: elsewhere,
  });
});

test('leaving a changed form asks first: Stay keeps the values, Discard leaves', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user, router } = renderApp(`/providers/${okta}/pools/${pool.id}`);
  await user.click(await screen.findByRole('link', { name: 'Edit' }));
  const description = await screen.findByLabelText('Description');
  await user.clear(description);
  await user.type(description, 'Half-written');

  const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
  await user.click(
    await within(crumbs).findByRole('link', { name: 'Acme Okta' }),
  );
  const dialog = await screen.findByRole('alertdialog', {
    name: 'Discard your changes?',
  });
  await user.click(within(dialog).getByRole('button', { name: 'Stay' }));
  expect(
    screen.queryByRole('alertdialog', { name: 'Discard your changes?' }),
  ).not.toBeInTheDocument();
  expect(router.state.location.pathname).toBe(
    `/providers/${okta}/pools/${pool.id}/edit`,
  );
  expect(screen.getByLabelText('Description')).toHaveValue('Half-written');

  // The browser's Back button goes through the same question.
  await act(() => router.navigate(-1));
  const again = await screen.findByRole('alertdialog', {
    name: 'Discard your changes?',
  });
  await user.click(within(again).getByRole('button', { name: 'Discard' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: pool.display_name }),
  ).toBeInTheDocument();
  expect(router.state.location.pathname).toBe(
    `/providers/${okta}/pools/${pool.id}`,
  );
});

test('an unchanged form leaves without asking', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user, router } = renderApp(
    `/providers/${okta}/pools/${pool.id}/edit`,
  );
  await screen.findByLabelText('Display name');
  await user.click(screen.getByRole('link', { name: 'Cancel' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: pool.display_name }),
  ).toBeInTheDocument();
  expect(router.state.location.pathname).toBe(
    `/providers/${okta}/pools/${pool.id}`,
  );
});

test('a rejected change is shown at its field and nothing is lost', async () => {
  const { okta, pool, path } = await firstOktaPool();
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`);
  const editor = await filterField();
  const filter = editor.element;
  await editor.replace('claims.sub.matches("x")');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  // A changed filter is reviewed (diff, test cases) before it is sent.
  await user.click(
    await screen.findByRole('button', { name: 'Save the new filter' }),
  );

  await expect.poll(() => filter.getAttribute('aria-invalid')).toBe('true');
  expect(filter).toHaveAccessibleDescription(
    /Invalid syntax in policy expression/,
  );
  expect(editor.value()).toBe('claims.sub.matches("x")');
  const stored = await apiCall<Pool>('GET', path);
  expect(stored.filter).toBe(pool.filter);
});

test('an unknown pool is a not-found with a way back to the provider', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp(`/providers/${okta}/pools/pool-gone/edit`);
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Identity Pool pool-gone not found');
  expect(
    within(alert).getByRole('link', { name: 'Back to the provider’s pools' }),
  ).toHaveAttribute('href', `/providers/${okta}`);
  expect(screen.queryByLabelText('Display name')).not.toBeInTheDocument();
});

test('a viewer who opens the form by its address is told why instead', async () => {
  const { okta, pool } = await firstOktaPool();
  renderApp(`/providers/${okta}/pools/${pool.id}/edit`, {
    session: VIEWER_SESSION,
  });
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('You cannot edit pools');
  expect(alert).toHaveTextContent(VIEWER_WRITE_REASON);
  expect(
    within(alert).getByRole('link', { name: 'Back to the pool' }),
  ).toHaveAttribute('href', `/providers/${okta}/pools/${pool.id}`);
  expect(screen.queryByLabelText('Display name')).not.toBeInTheDocument();
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: `Edit ${pool.display_name}`,
    }),
  ).toBeInTheDocument();
});
