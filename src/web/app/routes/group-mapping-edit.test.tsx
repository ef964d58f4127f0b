import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { clickWhenReady } from '@/testing/click-when-ready.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { apiCall } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { filterField } from '@/testing/filter-field.ts';
import { renderApp } from '@/testing/render.tsx';

startEachTestOnDemo();

type Mapping = {
  id: string;
  display_name: string;
  description: string;
  filter: string;
};

async function demoMapping(name: string): Promise<Mapping> {
  const list = await apiCall<{ data: Mapping[] }>(
    'GET',
    '/iam/v2/sso/group-mappings?page_size=100',
  );
  return list.data.find((m) => m.display_name === name)!;
}

test('saving sends only the fields that changed, then shows the mapping', async () => {
  const mapping = await demoMapping('SRE on call');
  const requests = spyOnFetch();
  const { user, router } = renderApp(`/group-mappings/${mapping.id}/edit`);
  const description = await screen.findByLabelText('Description');
  const save = screen.getByRole('button', { name: 'Save changes' });
  expect(save).toBeDisabled();
  expect(save).toHaveAccessibleDescription('No changes to save');
  expect((await filterField()).value()).toBe(mapping.filter);

  await user.clear(description);
  await user.type(description, 'The pager rota.');
  await user.click(save);

  expect(await screen.findByText('Saved SRE on call')).toBeInTheDocument();
  await waitFor(() =>
    expect(router.state.location.pathname).toBe(
      `/group-mappings/${mapping.id}`,
    ),
  );
  const patches = requests.sent.filter((request) => request.method === 'PATCH');
  expect(patches).toHaveLength(1);
  // Never the filter: the CLI's update resets one it is not given to true,
  // and this one was not changed.
  expect(JSON.parse(patches[0]!.body!)).toEqual({
    description: 'The pager rota.',
  });
  const stored = await apiCall<Mapping>(
    'GET',
    `/iam/v2/sso/group-mappings/${mapping.id}`,
  );
  expect(stored).toMatchObject({
    description: 'The pager rota.',
    filter: mapping.filter,
  });
});

test('a mapping changed by someone else meanwhile is not overwritten without asking', async () => {
  const mapping = await demoMapping('Platform engineers');
  const { user } = renderApp(`/group-mappings/${mapping.id}/edit`);
  const name = await screen.findByLabelText('Display name');
  await user.clear(name);
  await user.type(name, 'Platform team');
  // Someone else changes the filter in the meantime.
  await apiCall('PATCH', `/iam/v2/sso/group-mappings/${mapping.id}`, {
    filter: '"platform" in groups || "infra" in groups',
  });
  const requests = spyOnFetch();
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  const dialog = await screen.findByRole('alertdialog', {
    name: 'This group mapping was changed by someone else',
  });
  expect(requests.count('PATCH', /group-mappings/)).toBe(0);
  expect(dialog).toHaveTextContent('"platform" in groups || "infra" in groups');
  expect(dialog).toHaveTextContent('Not changed by you: theirs is kept');
  await clickWhenReady(
    user,
    within(dialog).getByRole('button', { name: 'Save mine over theirs' }),
  );

  expect(await screen.findByText('Saved Platform team')).toBeInTheDocument();
  const patch = requests.sent.find((request) => request.method === 'PATCH')!;
  expect(JSON.parse(patch.body!)).toEqual({ display_name: 'Platform team' });
  const stored = await apiCall<Mapping>(
    'GET',
    `/iam/v2/sso/group-mappings/${mapping.id}`,
  );
  expect(stored).toMatchObject({
    display_name: 'Platform team',
    filter: '"platform" in groups || "infra" in groups',
  });
});
