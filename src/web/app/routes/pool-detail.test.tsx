import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { apiCall, demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { LIFEGUARD_API } from '#contract/test-cases.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';
import { createTestCaseFor, createTestPool } from '@/testing/writes.ts';

beforeEach(() => resetEmulator('demo'));

type Pool = {
  id: string;
  display_name: string;
  filter: string;
  principal: string;
  metadata: { resource_name: string };
};

async function firstOktaPool() {
  const okta = await demoProviderId('okta.com');
  const list = await apiCall<{ data: Pool[] }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=1`,
  );
  return { okta, pool: list.data[0]! };
}

test('the detail page shows every field, with copy buttons and breadcrumbs', async () => {
  const { okta, pool } = await firstOktaPool();
  renderApp(`/providers/${okta}/pools/${pool.id}`);
  expect(
    await screen.findByRole('heading', { level: 1, name: pool.display_name }),
  ).toBeInTheDocument();
  const details = document.querySelector('dl')!;
  for (const term of [
    'Display name',
    'ID',
    'Description',
    'Identity claim',
    'Filter',
    'Principal',
    'State',
    'Resource name',
    'Created',
    'Last updated',
  ]) {
    expect(within(details).getByText(term)).toBeInTheDocument();
  }
  expect(screen.getByText(pool.metadata.resource_name)).toBeInTheDocument();
  expect(screen.getByText('ENABLED')).toBeInTheDocument();
  expect(
    screen.getByRole('button', { name: 'Copy pool id' }),
  ).toBeInTheDocument();
  expect(
    screen.getByRole('button', { name: 'Copy principal' }),
  ).toBeInTheDocument();
  const crumbs = screen.getByRole('navigation', { name: 'Breadcrumb' });
  expect(
    await within(crumbs).findByRole('link', { name: 'Acme Okta' }),
  ).toHaveAttribute('href', `/providers/${okta}`);
  expect(screen.getByRole('link', { name: 'Edit' })).toHaveAttribute(
    'href',
    `/providers/${okta}/pools/${pool.id}/edit`,
  );
});

test('times are relative, with the absolute time on focus', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}`);
  await screen.findByRole('heading', { level: 1, name: pool.display_name });
  const times = document.querySelectorAll('time');
  expect(times[0]?.textContent).toMatch(/ago$/);
  await user.tab();
  (times[0] as HTMLElement).focus();
  expect(await screen.findByRole('tooltip')).toHaveTextContent(/UTC/);
});

test('an unknown pool is a not-found with a way back to the provider', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp(`/providers/${okta}/pools/pool-gone`);
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Identity Pool pool-gone not found');
  expect(
    within(alert).getByRole('link', { name: 'Back to the provider’s pools' }),
  ).toHaveAttribute('href', `/providers/${okta}`);
});

test('an address that is no screen shows the not-found page', async () => {
  renderApp('/nowhere/at/all');
  expect(
    await screen.findByRole('heading', { name: 'Page not found' }),
  ).toBeInTheDocument();
});

test('a viewer sees every write control disabled, each saying why', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  await createTestCaseFor(okta, pool.id, 'orders service');
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}`, {
    session: VIEWER_SESSION,
  });
  await screen.findByRole('heading', { level: 1, name: pool.display_name });
  for (const name of ['Edit', 'Delete']) {
    const button = screen.getByRole('button', { name });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
  }
  expect(screen.queryByRole('link', { name: 'Edit' })).not.toBeInTheDocument();

  const remove = await screen.findByRole('button', {
    name: 'Delete test case orders service',
  });
  expect(remove).toBeDisabled();
  expect(remove).toHaveAccessibleDescription(VIEWER_WRITE_REASON);

  // Testing a token is for everyone; keeping it as a test case is not.
  const token = await screen.findByLabelText('Token or claims');
  await user.click(token);
  await user.paste('{"sub": "svc-orders", "aud": "kafka"}');
  const save = await screen.findByRole('button', { name: 'Save as test case' });
  expect(save).toBeDisabled();
  expect(save).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
  expect(screen.getByLabelText('Test case name')).toBeDisabled();
});

test('the test cases’ summary reads as a sentence for one case and for several', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  await createTestCaseFor(okta, pool.id, 'orders service');
  const first = renderApp(`/providers/${okta}/pools/${pool.id}`);
  const panel = await screen.findByRole('region', { name: 'Test cases' });
  expect(
    await within(panel).findByText('The test case passes.'),
  ).toBeInTheDocument();
  first.unmount();

  // One that expects no match, where the pool's filter matches: it fails.
  await apiCall(
    'POST',
    LIFEGUARD_API.testCases(okta, pool.id).replace(/^\/api/, ''),
    {
      name: 'stray consumer',
      expected: 'no-match',
      claims: { sub: 'svc-2', aud: 'kafka' },
    },
  );
  await createTestCaseFor(okta, pool.id, 'billing service');
  renderApp(`/providers/${okta}/pools/${pool.id}`);
  const again = await screen.findByRole('region', { name: 'Test cases' });
  expect(
    await within(again).findByText('1 of 3 test cases fails.'),
  ).toBeInTheDocument();
});

test('the Access tab is one more section, kept in the address', async () => {
  const { okta, pool } = await firstOktaPool();
  const { user, router } = renderApp(`/providers/${okta}/pools/${pool.id}`);
  await user.click(await screen.findByRole('tab', { name: 'Access' }));
  expect(
    await screen.findByRole('heading', { level: 2, name: 'Access' }),
  ).toBeInTheDocument();
  expect(router.state.location.search).toBe('?tab=access');
});
