import { screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { injectFault, resetEmulator } from '@/testing/emulator.ts';
import { LOCAL_SESSION, renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

startEachTestOnDemo();

function rows() {
  const table = screen.getByRole('table');
  return within(table).getAllByRole('row').slice(1);
}

test('the list shows every mapping with its id, filter and principal, and the quota it uses', async () => {
  renderApp('/group-mappings', { session: LOCAL_SESSION });
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'SSO group mappings',
    }),
  ).toBeInTheDocument();
  const platform = await screen.findByRole('link', {
    name: 'Platform engineers',
  });
  expect(rows()).toHaveLength(4);
  const row = platform.closest('tr')!;
  const id = platform.getAttribute('href')!.split('/').at(-1)!;
  expect(id).toMatch(/^group-/);
  expect(row).toHaveTextContent(id);
  expect(row).toHaveTextContent(`User:${id}`);
  expect(within(row).getByText('"platform" in groups').tagName).toBe('CODE');

  // The mapping for everyone says so.
  const everyone = screen
    .getByRole('link', { name: 'Everyone' })
    .closest('tr')!;
  expect(within(everyone).getByText('Maps every SSO user')).toBeInTheDocument();

  // The live quota has no usage: the list read every mapping, so it counts.
  const meter = await screen.findByRole('meter', {
    name: 'Group mappings of the organization',
  });
  expect(meter).toHaveAttribute('aria-valuetext', '4 of 12 group mappings');
  expect(document.title).toBe('Group mappings · Lifeguard');
  expect(
    screen.getByRole('link', { name: 'New group mapping' }),
  ).toHaveAttribute('href', '/group-mappings/new');
});

test('the quick filter and the sort work on the rows, and live in the URL', async () => {
  const { user, router } = renderApp('/group-mappings');
  await screen.findByRole('link', { name: 'Platform engineers' });
  await user.type(screen.getByLabelText('Filter this page'), 'groups');
  // "true" has no "groups" in it.
  expect(rows()).toHaveLength(3);
  expect(new URLSearchParams(router.state.location.search).get('q')).toBe(
    'groups',
  );
  await user.click(screen.getByRole('button', { name: /^Display name/ }));
  expect(
    rows().map((row) => (row as HTMLTableRowElement).cells[0]!.textContent),
  ).toEqual(['Data analysts', 'Platform engineers', 'SRE on call']);
});

test('an organization without mappings gets an empty state with the way to create one', async () => {
  await resetEmulator('empty');
  renderApp('/group-mappings');
  expect(
    await screen.findByRole('heading', { name: 'No group mappings yet' }),
  ).toBeInTheDocument();
  expect(
    screen.getByRole('link', { name: 'Create the first group mapping' }),
  ).toHaveAttribute('href', '/group-mappings/new');
});

test('a viewer sees the create action disabled, saying why', async () => {
  renderApp('/group-mappings', { session: VIEWER_SESSION });
  await screen.findByRole('link', { name: 'Platform engineers' });
  const create = screen.getByRole('button', { name: 'New group mapping' });
  expect(create).toBeDisabled();
  expect(create).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
});

test('a list that fails to load says why and offers a retry', async () => {
  await injectFault({
    match: { method: 'GET', path: '/iam/v2/sso/group-mappings' },
    respond: { status: 500 },
    times: 1,
  });
  const { user } = renderApp('/group-mappings');
  const alert = await screen.findByRole('alert');
  await user.click(within(alert).getByRole('button', { name: 'Retry' }));
  expect(
    await screen.findByRole('link', { name: 'Platform engineers' }),
  ).toBeInTheDocument();
});
