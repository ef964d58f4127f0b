import { screen, waitFor } from '@testing-library/react';
import { expect, test } from 'vitest';
import { storedPoolDrafts } from '@/testing/drafts.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { apiCall, demoProviderId } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { filterField } from '@/testing/filter-field.ts';
import { renderApp } from '@/testing/render.tsx';

startEachTestOnDemo();

const EMIL = 'Emil Lindqvist (emil.lindqvist@acme.example)';

type Binding = { principal: string; role_name: string; crn_pattern: string };
type CreatedPool = { id: string; metadata: { resource_name: string } };

async function bindingsOn(crn: string): Promise<Binding[]> {
  const list = await apiCall<{ data: Binding[] }>(
    'GET',
    `/iam/v2/role-bindings?crn_pattern=${encodeURIComponent(crn)}`,
  );
  return list.data;
}

test('a pool created with an owner gets a ResourceOwner binding for that user', async () => {
  const okta = await demoProviderId('okta.com');
  const users = await apiCall<{ data: { id: string; email: string }[] }>(
    'GET',
    '/iam/v2/users?page_size=100',
  );
  const emil = users.data.find((u) => u.email.startsWith('emil.'))!;
  const { user, router } = renderApp(`/providers/${okta}/pools/new`);
  await user.type(await screen.findByLabelText('Display name'), 'owned');
  await (await filterField()).type('claims.aud == "kafka"');
  const owner = screen.getByLabelText('Owner (optional)');
  expect(owner).toHaveValue('');
  expect(owner).toHaveAccessibleDescription(
    /may grant and revoke access to this pool, and describe, alter and delete it/,
  );
  await screen.findByRole('option', { name: EMIL });
  await user.selectOptions(owner, EMIL);
  expect(owner).toHaveValue(emil.id);
  const requests = spyOnFetch();
  await user.click(screen.getByRole('button', { name: 'Create pool' }));

  expect(
    await screen.findByRole('heading', { level: 1, name: 'owned' }),
  ).toBeInTheDocument();
  // The owner went as the query parameter, never in the body.
  const posts = requests.sent.filter(
    (request) =>
      request.method === 'POST' &&
      request.url.pathname.endsWith('/identity-pools'),
  );
  expect(posts).toHaveLength(1);
  expect(posts[0]!.url.searchParams.get('assigned_resource_owner')).toBe(
    emil.id,
  );
  expect(JSON.parse(posts[0]!.body!)).toEqual({
    display_name: 'owned',
    description: '',
    identity_claim: 'claims.sub',
    filter: 'claims.aud == "kafka"',
  });
  const poolId = router.state.location.pathname.split('/').at(-1)!;
  const pool = await apiCall<CreatedPool & Record<string, unknown>>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools/${poolId}`,
  );
  expect(pool).not.toHaveProperty('assigned_resource_owner');
  expect(await bindingsOn(pool.metadata.resource_name)).toEqual([
    expect.objectContaining({
      principal: `User:${emil.id}`,
      role_name: 'ResourceOwner',
      crn_pattern: pool.metadata.resource_name,
    }),
  ]);
});

test('without an owner, no owner is sent and no binding is made', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router } = renderApp(`/providers/${okta}/pools/new`);
  await user.type(await screen.findByLabelText('Display name'), 'unowned');
  await (await filterField()).type('true');
  const requests = spyOnFetch();
  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'unowned' }),
  ).toBeInTheDocument();
  const posts = requests.sent.filter((request) => request.method === 'POST');
  expect(posts).toHaveLength(1);
  expect(posts[0]!.url.search).toBe('');
  const poolId = router.state.location.pathname.split('/').at(-1)!;
  const pool = await apiCall<CreatedPool>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools/${poolId}`,
  );
  expect(await bindingsOn(pool.metadata.resource_name)).toEqual([]);
});

test('the owner choice is kept in the draft and comes back with it', async () => {
  const okta = await demoProviderId('okta.com');
  const first = renderApp(`/providers/${okta}/pools/new`);
  await first.user.type(await first.findByLabelText('Display name'), 'later');
  await first.findByRole('option', { name: EMIL });
  await first.user.selectOptions(
    first.getByLabelText('Owner (optional)'),
    EMIL,
  );
  const chosen = (first.getByLabelText('Owner (optional)') as HTMLSelectElement)
    .value;
  window.dispatchEvent(new Event('pagehide'));
  expect(storedPoolDrafts()).toMatchObject([
    {
      data: {
        values: { display_name: 'later', assigned_resource_owner: chosen },
      },
    },
  ]);
  first.unmount();

  const { user } = renderApp(`/providers/${okta}/pools/new`);
  const restore = await screen.findByRole('button', { name: 'Restore' });
  expect(screen.getByLabelText('Owner (optional)')).toHaveValue('');
  await user.click(restore);
  expect(screen.getByLabelText('Owner (optional)')).toHaveValue(chosen);
  expect(screen.getByLabelText('Display name')).toHaveValue('later');
});

test('an owner Confluent does not know is refused at the Owner field, and everything typed stays', async () => {
  const okta = await demoProviderId('okta.com');
  // The picker offers only listed users; a draft made before a user left
  // brings back one that is gone.
  sessionStorage.setItem(
    'lifeguard.draft.gone',
    JSON.stringify({
      version: 2,
      id: 'gone',
      owner: 'local',
      scope: `pool:${okta}:new`,
      savedAt: Date.now() - 60_000,
      data: {
        values: {
          display_name: 'orphaned',
          description: 'Kept.',
          identity_claim: 'claims.email',
          filter: 'claims.aud == "kafka"',
          assigned_resource_owner: 'u-gone00',
        },
        base: null,
      },
    }),
  );
  const { user } = renderApp(`/providers/${okta}/pools/new`);
  await user.click(await screen.findByRole('button', { name: 'Restore' }));
  const owner = screen.getByLabelText('Owner (optional)');
  await waitFor(() => expect(owner).toHaveValue('u-gone00'));
  expect(
    await screen.findByRole('option', {
      name: 'u-gone00 (not a user listed now)',
    }),
  ).toBeInTheDocument();
  await waitFor(async () =>
    expect((await filterField()).value()).toBe('claims.aud == "kafka"'),
  );
  await user.click(screen.getByRole('button', { name: 'Create pool' }));

  await waitFor(() =>
    expect(owner).toHaveAccessibleDescription(
      /Confluent did not accept this owner: assigned_resource_owner u-gone00 is not a user, service account, group mapping or identity pool of this organization\. Choose another user, or no owner/,
    ),
  );
  expect(owner).toHaveAttribute('aria-invalid', 'true');
  expect(owner).toHaveFocus();
  // Only the field says it: no alert at the top.
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  expect(screen.getByLabelText('Display name')).toHaveValue('orphaned');
  expect(screen.getByLabelText('Description')).toHaveValue('Kept.');
  expect(screen.getByLabelText('Identity claim')).toHaveValue('claims.email');
  expect((await filterField()).value()).toBe('claims.aud == "kafka"');
  expect(owner).toHaveValue('u-gone00');

  // With no owner it goes through.
  await user.selectOptions(owner, 'No owner');
  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'orphaned' }),
  ).toBeInTheDocument();
});

test('the edit form has no Owner field', async () => {
  const okta = await demoProviderId('okta.com');
  const list = await apiCall<{ data: { id: string }[] }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=1`,
  );
  renderApp(`/providers/${okta}/pools/${list.data[0]!.id}/edit`);
  await screen.findByLabelText('Display name');
  expect(screen.queryByLabelText('Owner (optional)')).not.toBeInTheDocument();
});
