import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { clickWhenReady } from '@/testing/click-when-ready.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { apiCall } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

startEachTestOnDemo();

type Mapping = {
  id: string;
  display_name: string;
  filter: string;
  principal: string;
  metadata: { resource_name: string };
};

async function demoMapping(name: string): Promise<Mapping> {
  const list = await apiCall<{ data: Mapping[] }>(
    'GET',
    '/iam/v2/sso/group-mappings?page_size=100',
  );
  const mapping = list.data.find((m) => m.display_name === name);
  if (!mapping) throw new Error(`no demo group mapping ${name}`);
  return mapping;
}

test('the detail page shows every field, the principal to copy, and the ways to edit and copy it', async () => {
  const mapping = await demoMapping('Platform engineers');
  renderApp(`/group-mappings/${mapping.id}`);
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Platform engineers',
    }),
  ).toBeInTheDocument();
  const details = document.querySelector('dl')!;
  for (const term of [
    'Display name',
    'ID',
    'Description',
    'Filter',
    'Principal',
    'State',
    'Resource name',
    'Created',
    'Last updated',
  ]) {
    expect(within(details).getByText(term)).toBeInTheDocument();
  }
  expect(
    within(details).getByText(`User:${mapping.principal}`),
  ).toBeInTheDocument();
  expect(
    screen.getByRole('button', { name: 'Copy principal' }),
  ).toBeInTheDocument();
  expect(screen.getByText(mapping.metadata.resource_name)).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Edit' })).toHaveAttribute(
    'href',
    `/group-mappings/${mapping.id}/edit`,
  );
  expect(screen.getByRole('link', { name: 'Create a copy' })).toHaveAttribute(
    'href',
    `/group-mappings/new?copy_of=${mapping.id}`,
  );
  const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
  expect(
    within(crumbs).getByRole('link', { name: 'Group mappings' }),
  ).toHaveAttribute('href', '/group-mappings');
});

test('a mapping for every SSO user says so on its page', async () => {
  const mapping = await demoMapping('Everyone');
  renderApp(`/group-mappings/${mapping.id}`);
  expect(
    await screen.findByText(
      'This filter maps every SSO user of the organisation.',
    ),
  ).toBeInTheDocument();
});

test('the tester says whether a group list gets the mapping, condition by condition', async () => {
  const mapping = await demoMapping('Data analysts');
  const { user } = renderApp(`/group-mappings/${mapping.id}`);
  const groups = await screen.findByLabelText('SSO groups');

  await user.type(groups, 'analysts{Enter}finance');
  expect(
    await screen.findByText('These groups get this mapping.'),
  ).toBeInTheDocument();
  expect(
    screen.getByText(/Read as one group per line: 2 groups/),
  ).toBeInTheDocument();
  const conditions = screen.getByRole('list', { name: 'Conditions' });
  expect(within(conditions).getAllByRole('listitem')).toHaveLength(2);
  expect(conditions).toHaveTextContent('"analysts" in groups: true');
  expect(conditions).toHaveTextContent('!("contractors" in groups): true');

  await user.clear(groups);
  await user.paste('["analysts", "contractors"]');
  expect(
    await screen.findByText('These groups do not get this mapping.'),
  ).toBeInTheDocument();
  expect(screen.getByRole('list', { name: 'Conditions' })).toHaveTextContent(
    '!("contractors" in groups): false',
  );

  await user.clear(groups);
  await user.paste('["analysts", 7]');
  expect(groups).toHaveAttribute('aria-invalid', 'true');
  expect(groups).toHaveAccessibleDescription(/item 2 is a number/);
});

test('deleting asks for the name, lists the role bindings that go with it, and answers 204', async () => {
  const mapping = await demoMapping('SRE on call');
  const requests = spyOnFetch();
  const { user, router } = renderApp(`/group-mappings/${mapping.id}`);
  await screen.findByRole('heading', { level: 1, name: 'SRE on call' });
  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('alertdialog', {
    name: 'Delete SRE on call?',
  });
  expect(dialog).toHaveAccessibleDescription(
    new RegExp(`no longer act as User:${mapping.principal}`),
  );
  expect(
    await within(dialog).findByText(/Its 2 role bindings go with it/),
  ).toBeInTheDocument();
  const listed = within(dialog).getByRole('list', {
    name: 'Role bindings that go with the group mapping',
  });
  expect(listed).toHaveTextContent('MetricsViewer');
  expect(listed).toHaveTextContent('Operator');

  const confirm = within(dialog).getByRole('button', { name: 'Delete' });
  expect(confirm).toBeDisabled();
  await user.type(
    within(dialog).getByLabelText('Type SRE on call to confirm'),
    'SRE on call',
  );
  await clickWhenReady(user, confirm);

  expect(await screen.findByText('Deleted SRE on call')).toBeInTheDocument();
  await waitFor(() =>
    expect(router.state.location.pathname).toBe('/group-mappings'),
  );
  expect(requests.count('DELETE', /\/group-mappings\//)).toBe(1);
  expect(
    screen.queryByRole('link', { name: 'SRE on call' }),
  ).not.toBeInTheDocument();
  const gone = await fetch(
    new URL(`/api/iam/v2/sso/group-mappings/${mapping.id}`, location.href),
  );
  expect(gone.status).toBe(404);
});

test('a viewer sees the write actions disabled, saying why', async () => {
  const mapping = await demoMapping('Platform engineers');
  renderApp(`/group-mappings/${mapping.id}`, { session: VIEWER_SESSION });
  await screen.findByRole('heading', { level: 1, name: 'Platform engineers' });
  for (const name of ['Edit', 'Create a copy', 'Delete']) {
    const button = screen.getByRole('button', { name });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
  }
});

test('an unknown mapping is a not-found with the way back to the list', async () => {
  renderApp('/group-mappings/group-gone');
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Group mapping not found',
    }),
  ).toBeInTheDocument();
  expect(
    within(screen.getByRole('alert')).getByRole('link', {
      name: 'Back to the group mappings',
    }),
  ).toHaveAttribute('href', '/group-mappings');
});

test('the History and Access tabs show the mapping’s changes and role bindings', async () => {
  const mapping = await demoMapping('Platform engineers');
  await apiCall('PATCH', `/iam/v2/sso/group-mappings/${mapping.id}`, {
    description: 'Changed by a test.',
  });
  const { user } = renderApp(`/group-mappings/${mapping.id}?tab=history`);
  const changes = await screen.findByRole('list', { name: 'Recorded changes' });
  expect(changes).toHaveTextContent(/Changed by a test\./);
  await user.click(screen.getByRole('tab', { name: 'Access' }));
  expect(
    await screen.findByText(/EnvironmentAdmin/, undefined, { timeout: 5000 }),
  ).toBeInTheDocument();
});
