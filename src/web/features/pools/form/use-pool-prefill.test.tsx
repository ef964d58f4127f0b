import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { FILTER_TEMPLATES } from '#filter/templates.ts';
import { apiCall, demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { filterField } from '@/testing/filter-field.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';
import { createTestPool, type TestPool } from '@/testing/writes.ts';

beforeEach(async () => {
  sessionStorage.clear();
  await resetEmulator('demo');
});

async function poolCount(providerId: string): Promise<number> {
  const list = await apiCall<{ metadata: { total_size: number } }>(
    'GET',
    `/iam/v2/identity-providers/${providerId}/identity-pools?page_size=1`,
  );
  return list.metadata.total_size;
}

function storedDraftCount() {
  return Object.keys(sessionStorage).filter((key) =>
    key.startsWith('lifeguard.draft.'),
  ).length;
}

async function expectForm(values: Omit<TestPool, 'id'>) {
  expect(await screen.findByLabelText('Display name')).toHaveValue(
    values.display_name,
  );
  expect(screen.getByLabelText('Description')).toHaveValue(values.description);
  expect(screen.getByLabelText('Identity claim')).toHaveValue(
    values.identity_claim,
  );
  await waitFor(async () =>
    expect((await filterField()).value()).toBe(values.filter),
  );
}

test('Create a copy opens the new-pool form filled from the pool, named “(copy)”, with nothing saved', async () => {
  const okta = await demoProviderId('okta.com');
  const source = await createTestPool(okta, {
    display_name: 'orders',
    description: 'Order services.',
    identity_claim: 'claims.email',
    filter: 'claims.aud == "orders" &&  claims.sub != ""',
  });
  const before = await poolCount(okta);
  const { user, router } = renderApp(`/providers/${okta}/pools/${source.id}`);
  await screen.findByRole('heading', { level: 1, name: 'orders' });

  await user.click(screen.getByRole('link', { name: 'Create a copy' }));
  expect(router.state.location.pathname).toBe(`/providers/${okta}/pools/new`);
  expect(router.state.location.search).toBe(`?copy_of=${source.id}`);
  await expectForm({
    display_name: 'orders (copy)',
    description: 'Order services.',
    identity_claim: 'claims.email',
    filter: 'claims.aud == "orders" &&  claims.sub != ""',
  });
  expect(screen.getByRole('main')).toHaveTextContent(
    'Nothing is saved until you create the pool.',
  );
  expect(screen.getByRole('link', { name: 'orders' })).toHaveAttribute(
    'href',
    `/providers/${okta}/pools/${source.id}`,
  );
  expect(await poolCount(okta)).toBe(before);

  // Saving creates a second pool; the original is untouched.
  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'orders (copy)' }),
  ).toBeInTheDocument();
  const copyId = router.state.location.pathname.split('/').at(-1)!;
  expect(copyId).not.toBe(source.id);
  expect(
    await apiCall<TestPool>(
      'GET',
      `/iam/v2/identity-providers/${okta}/identity-pools/${copyId}`,
    ),
  ).toMatchObject({
    display_name: 'orders (copy)',
    description: 'Order services.',
    identity_claim: 'claims.email',
    filter: 'claims.aud == "orders" &&  claims.sub != ""',
  });
  expect(
    await apiCall<TestPool>(
      'GET',
      `/iam/v2/identity-providers/${okta}/identity-pools/${source.id}`,
    ),
  ).toMatchObject({ display_name: 'orders' });
  expect(await poolCount(okta)).toBe(before + 1);
});

test('a reload of the copy starts the same way, and offers what was typed on top', async () => {
  const okta = await demoProviderId('okta.com');
  const source = await createTestPool(okta, { display_name: 'billing' });
  const url = `/providers/${okta}/pools/new?copy_of=${source.id}`;
  const first = renderApp(url);
  const name = await first.findByLabelText('Display name');
  expect(name).toHaveValue('billing (copy)');
  await first.user.clear(name);
  await first.user.type(name, 'billing-eu');
  window.dispatchEvent(new Event('pagehide'));
  first.unmount();

  const { user } = renderApp(url);
  await expectForm({
    display_name: 'billing (copy)',
    description: source.description,
    identity_claim: source.identity_claim,
    filter: source.filter,
  });
  const notice = await screen.findByRole('status', {
    name: 'You have unsaved changes from just now',
  });
  await user.click(within(notice).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Display name')).toHaveValue('billing-eu');
});

test('a draft of the new-pool form is offered on a copy, never overwritten by it', async () => {
  const okta = await demoProviderId('okta.com');
  const source = await createTestPool(okta, { display_name: 'ledger' });
  const first = renderApp(`/providers/${okta}/pools/new`);
  await first.user.type(
    await first.findByLabelText('Display name'),
    'half-typed',
  );
  window.dispatchEvent(new Event('pagehide'));
  first.unmount();

  const { user } = renderApp(
    `/providers/${okta}/pools/new?copy_of=${source.id}`,
  );
  expect(await screen.findByLabelText('Display name')).toHaveValue(
    'ledger (copy)',
  );
  const notice = await screen.findByRole('status', {
    name: 'You have unsaved changes from just now',
  });
  // Typing on the copy first: both survive.
  await user.type(screen.getByLabelText('Description'), ' More.');
  await waitFor(() => expect(storedDraftCount()).toBe(2));
  await user.click(within(notice).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Display name')).toHaveValue('half-typed');
  const setAside = await screen.findByRole('status', {
    name: /You have unsaved changes/,
  });
  await user.click(within(setAside).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Display name')).toHaveValue('ledger (copy)');
  expect(screen.getByLabelText('Description')).toHaveValue(
    `${source.description} More.`,
  );
});

test('a copy of a pool that is gone says so and offers the empty form', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router } = renderApp(
    `/providers/${okta}/pools/new?copy_of=pool-gone`,
  );
  expect(await screen.findByRole('alert')).toHaveTextContent(/not found/i);
  expect(screen.queryByLabelText('Display name')).not.toBeInTheDocument();
  await user.click(
    screen.getByRole('link', { name: 'Start from an empty form instead' }),
  );
  expect(router.state.location.search).toBe('');
  expect(await screen.findByLabelText('Display name')).toHaveValue('');
});

test('New pool from a template, on the provider’s page: the form starts from that template, and a reload keeps it', async () => {
  const okta = await demoProviderId('okta.com');
  const template = FILTER_TEMPLATES.find(
    (candidate) => candidate.id === 'entra-v2-app-role',
  )!;
  const first = renderApp(`/providers/${okta}`);
  await first.user.click(
    await first.findByText('New pool from a template', { selector: 'summary' }),
  );
  await first.user.click(first.getByRole('link', { name: template.title }));
  expect(first.router.state.location.search).toBe(
    '?template=entra-v2-app-role',
  );
  const values = {
    display_name: '',
    description: '',
    identity_claim: template.identityClaim,
    filter: template.filter,
  };
  await expectForm(values);
  expect(screen.getByRole('main')).toHaveTextContent(
    `Started from the template “${template.title}”`,
  );
  expect(screen.getByLabelText('Start from a template')).toHaveValue(
    template.id,
  );

  const url = first.router.state.location;
  first.unmount();
  renderApp(`${url.pathname}${url.search}`);
  await expectForm(values);
});

test('an unknown template opens the empty form with a word of warning', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp(`/providers/${okta}/pools/new?template=nope`);
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'There is no template “nope”, so the form starts empty.',
  );
  await expectForm({
    display_name: '',
    description: '',
    identity_claim: 'claims.sub',
    filter: '',
  });
});

test('a viewer sees Create a copy disabled, with the reason', async () => {
  const okta = await demoProviderId('okta.com');
  const source = await createTestPool(okta);
  renderApp(`/providers/${okta}/pools/${source.id}`, {
    session: VIEWER_SESSION,
  });
  const copy = await screen.findByRole('button', { name: 'Create a copy' });
  expect(copy).toBeDisabled();
  expect(copy).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
  expect(
    screen.queryByText('New pool from a template'),
  ).not.toBeInTheDocument();
});
