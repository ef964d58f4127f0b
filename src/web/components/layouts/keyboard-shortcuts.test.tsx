import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { SHORTCUTS } from '@/lib/shortcuts.ts';
import { apiCall, demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { filterField } from '@/testing/filter-field.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(async () => {
  sessionStorage.clear();
  localStorage.clear();
  await resetEmulator('demo');
});

async function firstOktaPool() {
  const okta = await demoProviderId('okta.com');
  const list = await apiCall<{ data: { id: string; display_name: string }[] }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=1`,
  );
  return { okta, pool: list.data[0]! };
}

test('? opens the help dialog listing every shortcut and when they do nothing; Escape closes it', async () => {
  const { user } = renderApp('/');
  await screen.findByRole('heading', { level: 1, name: 'Identity providers' });

  await user.keyboard('?');
  const dialog = await screen.findByRole('dialog', {
    name: 'Keyboard shortcuts',
  });
  expect(dialog).toHaveAccessibleDescription(
    /do nothing while you type in a field or in the filter editor, while a dialog is open, or with Ctrl, Alt or ⌘ held down/,
  );
  const rows = within(dialog).getAllByRole('row').slice(1);
  expect(rows.map((row) => row.textContent)).toEqual(
    SHORTCUTS.map(
      (shortcut) => `${shortcut.key}${shortcut.action}${shortcut.where}`,
    ),
  );
  // Keys inside the dialog are the dialog's: n does not navigate.
  await user.keyboard('n');
  expect(dialog).toBeInTheDocument();

  await user.keyboard('{Escape}');
  await waitFor(() =>
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
  );
});

test('the header’s Shortcuts button opens the same dialog and gets the focus back', async () => {
  const { user } = renderApp('/');
  const button = await screen.findByRole('button', { name: 'Shortcuts' });
  expect(button).toHaveAttribute('aria-keyshortcuts', '?');
  await user.click(button);
  const dialog = await screen.findByRole('dialog', {
    name: 'Keyboard shortcuts',
  });
  await user.click(within(dialog).getByRole('button', { name: 'Close' }));
  await waitFor(() => expect(button).toHaveFocus());
});

test('n on a provider’s page opens the new-pool form, ready to type in', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router } = renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');

  await user.keyboard('n');
  await waitFor(() =>
    expect(router.state.location.pathname).toBe(`/providers/${okta}/pools/new`),
  );
  const name = await screen.findByLabelText('Display name');
  await waitFor(() => expect(name).toHaveFocus());

  // Typing in the field is text, never a shortcut.
  await user.keyboard('new pool / e ?');
  expect(name).toHaveValue('new pool / e ?');
  expect(router.state.location.pathname).toBe(`/providers/${okta}/pools/new`);
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
});

test('e on a pool’s page opens its edit form; with Ctrl or ⌘ held it does nothing', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user, router } = renderApp(`/providers/${okta}/pools/${pool.id}`);
  await screen.findByRole('heading', { level: 1, name: pool.display_name });
  expect(screen.getByRole('link', { name: 'Edit' })).toHaveAttribute(
    'aria-keyshortcuts',
    'e',
  );

  await user.keyboard('{Control>}e{/Control}{Meta>}e{/Meta}{Alt>}e{/Alt}');
  expect(router.state.location.pathname).toBe(
    `/providers/${okta}/pools/${pool.id}`,
  );

  await user.keyboard('e');
  await waitFor(() =>
    expect(router.state.location.pathname).toBe(
      `/providers/${okta}/pools/${pool.id}/edit`,
    ),
  );
  const name = await screen.findByLabelText('Display name');
  expect(name).toHaveValue(pool.display_name);
  await waitFor(() => expect(name).toHaveFocus());
});

test('n and e do nothing where they mean nothing', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router } = renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');
  await user.keyboard('e');
  expect(router.state.location.pathname).toBe(`/providers/${okta}`);

  await user.click(screen.getByRole('link', { name: 'Audit log' }));
  await screen.findByRole('heading', { level: 1, name: 'Audit log' });
  await user.keyboard('n');
  await user.keyboard('e');
  expect(router.state.location.pathname).toBe('/audit');
});

test('/ focuses the page’s own search box, without typing the slash into it', async () => {
  const okta = await demoProviderId('okta.com');
  const { user } = renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');
  const filter = screen.getByRole('searchbox', { name: 'Filter this page' });
  expect(filter).toHaveAttribute('aria-keyshortcuts', '/');

  await user.keyboard('/');
  expect(filter).toHaveFocus();
  expect(filter).toHaveValue('');
  // In the box, / is a character like any other.
  await user.keyboard('a/b');
  expect(filter).toHaveValue('a/b');
});

test('/ on a screen without a search box opens the organisation-wide search, focused', async () => {
  const { user, router } = renderApp('/');
  await screen.findByRole('heading', { level: 1, name: 'Identity providers' });

  await user.keyboard('/');
  await waitFor(() => expect(router.state.location.pathname).toBe('/search'));
  const search = await screen.findByRole('searchbox', {
    name: 'Search pools',
  });
  await waitFor(() => expect(search).toHaveFocus());
  expect(search).toHaveValue('');
});

test('keys typed in the filter editor or a textarea are text, not shortcuts', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user, router } = renderApp(
    `/providers/${okta}/pools/${pool.id}/edit`,
  );
  const editPath = router.state.location.pathname;
  const editor = await filterField();
  editor.element.focus();
  await user.keyboard('/n?e');
  expect(router.state.location.pathname).toBe(editPath);
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

  const description = screen.getByLabelText<HTMLTextAreaElement>('Description');
  await user.click(description);
  await user.keyboard('/n?e');
  expect(description.value).toMatch(/\/n\?e$/);
  expect(router.state.location.pathname).toBe(editPath);
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
});

test('the shortcuts can be turned off in the help dialog, and stay off', async () => {
  localStorage.clear();
  const okta = await demoProviderId('okta.com');
  const first = renderApp(`/providers/${okta}`);
  await first.findByText('1–10 of 263');
  await first.user.keyboard('?');
  const dialog = await screen.findByRole('dialog', {
    name: 'Keyboard shortcuts',
  });
  const enabled = within(dialog).getByRole('checkbox', {
    name: 'Use single-key shortcuts',
  });
  expect(enabled).toBeChecked();
  await first.user.click(enabled);
  await first.user.keyboard('{Escape}');
  await waitFor(() =>
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
  );
  await first.user.keyboard('n?');
  expect(first.router.state.location.pathname).toBe(`/providers/${okta}`);
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

  // Another page load: still off; the header's button still opens the list.
  first.unmount();
  const { user, router } = renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');
  await user.keyboard('n');
  expect(router.state.location.pathname).toBe(`/providers/${okta}`);
  await user.click(screen.getByRole('button', { name: 'Shortcuts' }));
  const again = await screen.findByRole('dialog', {
    name: 'Keyboard shortcuts',
  });
  await user.click(
    within(again).getByRole('checkbox', { name: 'Use single-key shortcuts' }),
  );
  await user.keyboard('{Escape}');
  await waitFor(() =>
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
  );
  await user.keyboard('n');
  await waitFor(() =>
    expect(router.state.location.pathname).toBe(`/providers/${okta}/pools/new`),
  );
  localStorage.clear();
});

test('e on a provider’s details opens the provider’s edit form', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router } = renderApp(`/providers/${okta}/details`);
  await screen.findByRole('heading', { level: 1, name: 'Acme Okta' });
  await user.keyboard('e');
  await waitFor(() =>
    expect(router.state.location.pathname).toBe(`/providers/${okta}/edit`),
  );
  const name = await screen.findByLabelText('Display name');
  await waitFor(() => expect(name).toHaveFocus());
});
