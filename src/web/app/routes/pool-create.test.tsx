import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { storedPoolDrafts } from '@/testing/drafts.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { apiCall, demoProviderId, injectFault } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { filterField } from '@/testing/filter-field.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';
import type { TestPool } from '@/testing/writes.ts';

startEachTestOnDemo();

test('creating a pool lands on its page and stores the filter exactly as typed', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router } = renderApp(`/providers/${okta}/pools/new`);
  // Double and trailing spaces: the filter must reach the API byte for byte.
  const filter = 'claims.aud == "kafka" &&  claims.sub.startsWith("svc-") ';

  await user.type(await screen.findByLabelText('Display name'), 'payments');
  await user.type(screen.getByLabelText('Description'), 'Payment services.');
  expect(screen.getByLabelText('Identity claim')).toHaveValue('claims.sub');
  await (await filterField()).type(filter);
  expect(
    screen.getByText(`${filter.length} / 300 characters`),
  ).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Create pool' }));

  expect(
    await screen.findByRole('heading', { level: 1, name: 'payments' }),
  ).toBeInTheDocument();
  expect(await screen.findByText('Created payments')).toBeInTheDocument();
  expect(screen.getByText('Payment services.')).toBeInTheDocument();
  const poolId = router.state.location.pathname.split('/').at(-1)!;
  expect(router.state.location.pathname).toBe(
    `/providers/${okta}/pools/${poolId}`,
  );
  const stored = await apiCall<TestPool>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools/${poolId}`,
  );
  expect(stored).toMatchObject({
    display_name: 'payments',
    description: 'Payment services.',
    identity_claim: 'claims.sub',
    filter,
  });
});

test('the breadcrumbs and title name the provider', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp(`/providers/${okta}/pools/new`);
  const crumbs = await screen.findByRole('navigation', { name: 'Breadcrumb' });
  expect(
    await screen.findByRole('link', { name: 'Acme Okta' }),
  ).toHaveAttribute('href', `/providers/${okta}`);
  expect(crumbs).toHaveTextContent('New pool');
  expect(document.title).toBe('New identity pool · Lifeguard');
});

test('mistakes are explained next to their fields before anything is sent', async () => {
  const staging = await demoProviderId('sso.staging');
  // If the invalid attempts reached the server, they would use up this fault.
  await injectFault({
    match: { method: 'POST' },
    respond: { status: 503 },
    times: 1,
  });
  const { user } = renderApp(`/providers/${staging}/pools/new`);
  const name = await screen.findByLabelText('Display name');
  const claim = screen.getByLabelText('Identity claim');
  const editor = await filterField();
  const filter = editor.element;

  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  expect(name).toHaveAccessibleDescription('Display name is required');
  expect(name).toHaveAttribute('aria-invalid', 'true');
  expect(name).toHaveFocus();
  await waitFor(() =>
    expect(filter).toHaveAccessibleDescription(/Filter is required/),
  );

  await user.clear(claim);
  await user.type(claim, 'sub');
  await user.tab();
  expect(claim).toHaveAccessibleDescription(
    /Write the claim as claims.<name>, for example claims.sub/,
  );

  await user.type(name, 'staging-apps');
  await user.clear(claim);
  await user.type(claim, 'claims.sub');
  await editor.type('true');
  expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  // The first request the server saw is this one.
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'The service is unavailable',
  );
});

test('a filter over 300 characters is a warning, and the server’s limit decides', async () => {
  const okta = await demoProviderId('okta.com');
  const { user } = renderApp(`/providers/${okta}/pools/new`);
  const name = await screen.findByLabelText('Display name');
  await user.type(name, 'long-filter');
  const editor = await filterField();
  const filter = editor.element;
  const long = `claims.sub == "${'x'.repeat(285)}"`;
  expect(long).toHaveLength(301);
  await editor.type(long);
  await user.tab();
  expect(screen.getByText('301 / 300 characters')).toBeInTheDocument();
  // The limit is per organisation, so the form warns and does not refuse.
  expect(filter).toHaveAccessibleDescription(
    /Warning, character 301: The filter is 301 characters long; Confluent accepts at most 300 unless your organisation's limit has been raised/,
  );
  expect(filter).toHaveAttribute('aria-invalid', 'false');

  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  // The test server's emulator keeps the default limit of 300.
  await waitFor(() =>
    expect(filter).toHaveAccessibleDescription(
      /filter is 301 characters long; the limit is 300/,
    ),
  );
  expect(filter).toHaveAttribute('aria-invalid', 'true');
  expect(editor.value()).toBe(long);
  expect(name).toHaveValue('long-filter');
  expect(screen.getByLabelText('Identity claim')).toHaveValue('claims.sub');
  expect(
    screen.queryByRole('heading', { level: 1, name: 'long-filter' }),
  ).not.toBeInTheDocument();
});

test('a filter the browser’s checker refuses is not sent: the error shows at the Filter, keeping every value', async () => {
  const okta = await demoProviderId('okta.com');
  const { user } = renderApp(`/providers/${okta}/pools/new`);
  const name = await screen.findByLabelText('Display name');
  await user.type(name, 'regex-pool');
  await user.type(screen.getByLabelText('Description'), 'Kept.');
  const editor = await filterField();
  await editor.type('claims.sub.matches("x")');
  const requests = spyOnFetch();
  await user.click(screen.getByRole('button', { name: 'Create pool' }));

  await waitFor(() =>
    expect(editor.element).toHaveAccessibleDescription(
      /This filter cannot be saved: matches\(\) is not supported in identity pool filters/,
    ),
  );
  expect(requests.count('POST', /identity-pools$/)).toBe(0);
  expect(editor.value()).toBe('claims.sub.matches("x")');
  expect(name).toHaveValue('regex-pool');
  expect(screen.getByLabelText('Description')).toHaveValue('Kept.');
  expect(screen.getByRole('button', { name: 'Create pool' })).toBeEnabled();

  // Once fixed, it is sent.
  editor.replace('claims.sub == "x"');
  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'regex-pool' }),
  ).toBeInTheDocument();
  expect(requests.count('POST', /identity-pools$/)).toBe(1);
});

test('a quota error is explained at the top, and the values stay for another try', async () => {
  const okta = await demoProviderId('okta.com');
  await injectFault({
    match: { method: 'POST' },
    respond: { status: 402 },
    times: 1,
  });
  const { user } = renderApp(`/providers/${okta}/pools/new`);
  await user.type(await screen.findByLabelText('Display name'), 'one-more');
  await (await filterField()).type('claims.sub == "svc"');
  await user.click(screen.getByRole('button', { name: 'Create pool' }));

  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('A Confluent quota was reached');
  expect(alert).toHaveTextContent('Request id');
  expect(screen.getByLabelText('Display name')).toHaveValue('one-more');
  expect((await filterField()).value()).toBe('claims.sub == "svc"');
  expect(storedPoolDrafts()).toMatchObject([
    {
      scope: `pool:${okta}:new`,
      data: {
        values: { display_name: 'one-more', filter: 'claims.sub == "svc"' },
      },
    },
  ]);

  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'one-more' }),
  ).toBeInTheDocument();
  expect(storedPoolDrafts()).toEqual([]);
});

test('a new pool’s draft comes back after a reload, and creating the pool clears it', async () => {
  const okta = await demoProviderId('okta.com');
  const first = renderApp(`/providers/${okta}/pools/new`);
  await first.user.type(await first.findByLabelText('Display name'), 'drafty');
  await first.user.type(first.getByLabelText('Description'), 'Half done.');
  await first.user.clear(first.getByLabelText('Identity claim'));
  await first.user.type(first.getByLabelText('Identity claim'), 'claims.email');
  await (await filterField()).type('claims.aud == "kafka"');
  const drafted = {
    display_name: 'drafty',
    description: 'Half done.',
    identity_claim: 'claims.email',
    filter: 'claims.aud == "kafka"',
  };
  // Leaving the page writes the draft at once, without waiting for a pause.
  window.dispatchEvent(new Event('pagehide'));
  expect(storedPoolDrafts()).toEqual([
    {
      version: 2,
      id: expect.any(String),
      // Without sign-in (the test server), everyone is the local user.
      owner: 'local',
      scope: `pool:${okta}:new`,
      savedAt: expect.any(Number),
      data: { values: drafted, base: null },
    },
  ]);

  first.unmount();
  const { user, router } = renderApp(`/providers/${okta}/pools/new`);
  const notice = await screen.findByRole('status', {
    name: 'You have unsaved changes from just now',
  });
  expect(screen.getByLabelText('Display name')).toHaveValue('');
  await user.click(within(notice).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Display name')).toHaveValue('drafty');
  expect(screen.getByLabelText('Description')).toHaveValue('Half done.');
  expect(screen.getByLabelText('Identity claim')).toHaveValue('claims.email');
  await waitFor(async () =>
    expect((await filterField()).value()).toBe('claims.aud == "kafka"'),
  );

  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'drafty' }),
  ).toBeInTheDocument();
  const poolId = router.state.location.pathname.split('/').at(-1)!;
  expect(
    await apiCall<TestPool>(
      'GET',
      `/iam/v2/identity-providers/${okta}/identity-pools/${poolId}`,
    ),
  ).toMatchObject(drafted);
  expect(storedPoolDrafts()).toEqual([]);
});

test('typing before answering the offer keeps both: restoring sets the new typing aside as its own draft', async () => {
  const okta = await demoProviderId('okta.com');
  const earlier = {
    display_name: 'earlier',
    description: 'From before.',
    identity_claim: 'claims.sub',
    filter: 'true',
  };
  sessionStorage.setItem(
    'lifeguard.draft.earlier',
    JSON.stringify({
      version: 2,
      id: 'earlier',
      owner: 'local',
      scope: `pool:${okta}:new`,
      savedAt: Date.now() - 5 * 60_000,
      data: { values: earlier, base: null },
    }),
  );
  const { user } = renderApp(`/providers/${okta}/pools/new`);
  const notice = await screen.findByRole('status', {
    name: 'You have unsaved changes from 5 minutes ago',
  });
  await user.type(screen.getByLabelText('Display name'), 'typed first');
  await waitFor(() => expect(storedPoolDrafts()).toHaveLength(2));

  await user.click(within(notice).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Display name')).toHaveValue('earlier');
  expect(screen.getByLabelText('Description')).toHaveValue('From before.');
  const setAside = await screen.findByRole('status', {
    name: 'You have unsaved changes from just now',
  });
  await user.click(within(setAside).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Display name')).toHaveValue('typed first');
  expect(screen.getByLabelText('Description')).toHaveValue('');
  // And the earlier one is offered again in turn: nothing was lost.
  expect(
    await screen.findByRole('status', { name: /You have unsaved changes/ }),
  ).toBeInTheDocument();
  await waitFor(() =>
    expect(
      storedPoolDrafts()
        .map((draft) => draft.data.values.display_name)
        .sort(),
    ).toEqual(['earlier', 'typed first']),
  );
});

test('a draft too old in shape to read is dropped, and the form opens empty', async () => {
  const okta = await demoProviderId('okta.com');
  sessionStorage.setItem(
    'lifeguard.draft.v0',
    JSON.stringify({
      version: 2,
      id: 'v0',
      owner: 'local',
      scope: `pool:${okta}:new`,
      savedAt: Date.now(),
      data: { values: { display_name: 'no other fields' }, base: null },
    }),
  );
  renderApp(`/providers/${okta}/pools/new`);
  expect(await screen.findByLabelText('Display name')).toHaveValue('');
  await waitFor(() => expect(Object.keys(sessionStorage)).toEqual([]));
  expect(screen.queryByRole('status', { name: /unsaved changes/ })).toBeNull();
});

test('a shared-issuer provider’s rule is explained at the Filter', async () => {
  const google = await demoProviderId('accounts.google.com');
  const { user } = renderApp(`/providers/${google}/pools/new`);
  await user.type(await screen.findByLabelText('Display name'), 'gke');
  await (await filterField()).type('claims.email == "ci@acme.example"');
  await user.click(screen.getByRole('button', { name: 'Create pool' }));

  const editor = await filterField();
  const filter = editor.element;
  // The editor's own lint already marks it invalid: wait for the server.
  await waitFor(() =>
    expect(filter).toHaveAccessibleDescription(
      /shared by many organisations, so the filter must constrain claims.sub or claims.aud/,
    ),
  );
  expect(filter).toHaveAttribute('aria-invalid', 'true');
  expect(editor.value()).toBe('claims.email == "ci@acme.example"');
});

test('an unknown provider says so instead of showing the form', async () => {
  renderApp('/providers/op-nope/pools/new');
  expect(await screen.findByRole('alert')).toHaveTextContent('Not found');
  expect(screen.queryByLabelText('Display name')).not.toBeInTheDocument();
});

test('a viewer who opens the form by its address is told why instead', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp(`/providers/${okta}/pools/new`, { session: VIEWER_SESSION });
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('You cannot create pools');
  expect(alert).toHaveTextContent(VIEWER_WRITE_REASON);
  expect(
    within(alert).getByRole('link', { name: 'Back to the provider’s pools' }),
  ).toHaveAttribute('href', `/providers/${okta}`);
  expect(screen.queryByLabelText('Display name')).not.toBeInTheDocument();
  expect(
    screen.queryByRole('button', { name: 'Create pool' }),
  ).not.toBeInTheDocument();
});

test('a display name another pool of the provider has is warned about, and still accepted', async () => {
  const okta = await demoProviderId('okta.com');
  const { user } = renderApp(`/providers/${okta}/pools/new`);
  const name = await screen.findByLabelText('Display name');
  await user.type(name, 'Legacy-Catch-All');
  expect(
    await screen.findByText(
      /Another pool of this provider is already called “legacy-catch-all”/,
    ),
  ).toBeInTheDocument();
  expect(name).toHaveAccessibleDescription(
    /already called “legacy-catch-all” \(pool-\w+\)\. Confluent allows it, but lists and the audit log will need the id/,
  );
  expect(name).not.toHaveAttribute('aria-invalid', 'true');

  await user.type(name, '-2');
  expect(screen.queryByText(/already called/)).not.toBeInTheDocument();

  // Only a warning: the pool is created with the repeated name.
  await user.clear(name);
  await user.type(name, 'legacy-catch-all');
  await screen.findByText(/already called “legacy-catch-all”/);
  await (await filterField()).type('claims.aud == "kafka"');
  await user.click(screen.getByRole('button', { name: 'Create pool' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'legacy-catch-all' }),
  ).toBeInTheDocument();
});
