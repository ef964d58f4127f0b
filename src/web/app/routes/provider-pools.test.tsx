import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import {
  demoProviderId,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { LOCAL_SESSION, renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

function rows() {
  const table = screen.getByRole('table');
  return within(table).getAllByRole('row').slice(1);
}

test('the first page shows 10 pools, its position, and a skeleton of the final size first', async () => {
  const okta = await demoProviderId('okta.com');
  // Session known up front, so the screen itself renders first.
  renderApp(`/providers/${okta}`, { session: LOCAL_SESSION });
  // The screen's code loads first; its table is busy until the pools come.
  expect(await screen.findByRole('table')).toHaveAttribute('aria-busy', 'true');
  expect(await screen.findByText('1–10 of 263')).toBeInTheDocument();
  expect(rows()).toHaveLength(10);
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Acme Okta' }),
  ).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Previous page' })).toBeDisabled();
  await waitFor(() =>
    expect(document.title).toBe('Acme Okta pools · Lifeguard'),
  );
});

test('Next page renders from the prefetched cache and puts the cursor in the URL', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router, queryClient } = renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');
  const firstPage = rows().map((row) => row.textContent);
  // Wait for the prefetch of page 2 to land in the cache.
  await waitFor(() =>
    expect(
      queryClient
        .getQueryCache()
        .findAll({ queryKey: ['pools', 'list', okta] })
        .filter((q) => q.state.data).length,
    ).toBe(2),
  );
  const clickedAt = Date.now();
  await user.click(screen.getByRole('button', { name: 'Next page' }));
  expect(await screen.findByText('11–20 of 263')).toBeInTheDocument();
  // Rendered from the prefetch: page 2's data is older than the click, and
  // the table never went back to its loading state.
  const token = new URLSearchParams(router.state.location.search).get(
    'page_token',
  );
  const pageTwo = queryClient
    .getQueryCache()
    .findAll({ queryKey: ['pools', 'list', okta] })
    .find((q) => (q.queryKey[3] as { pageToken?: string }).pageToken === token);
  expect(pageTwo?.state.dataUpdatedAt).toBeLessThan(clickedAt);
  expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'false');
  expect(rows().map((row) => row.textContent)).not.toEqual(firstPage);
  const search = new URLSearchParams(router.state.location.search);
  expect(search.get('page_token')).toBeTruthy();
  expect(search.get('page')).toBe('2');
  await user.click(screen.getByRole('button', { name: 'Previous page' }));
  expect(await screen.findByText('1–10 of 263')).toBeInTheDocument();
  expect(rows().map((row) => row.textContent)).toEqual(firstPage);
});

test('a shared link to page 3 with 25 rows shows that same page', async () => {
  const okta = await demoProviderId('okta.com');
  const first = renderApp(`/providers/${okta}?page_size=25`);
  await screen.findByText('1–25 of 263');
  await first.user.click(screen.getByRole('button', { name: 'Next page' }));
  await screen.findByText('26–50 of 263');
  const url = `${first.router.state.location.pathname}${first.router.state.location.search}`;
  const names = rows().map((row) => row.textContent);
  first.unmount();

  renderApp(url);
  expect(await screen.findByText('26–50 of 263')).toBeInTheDocument();
  expect(rows().map((row) => row.textContent)).toEqual(names);
});

test('Rows per page changes the page size and starts from the first page', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router } = renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');
  await user.click(screen.getByRole('combobox', { name: 'Rows per page' }));
  await user.click(await screen.findByRole('option', { name: '50' }));
  expect(await screen.findByText('1–50 of 263')).toBeInTheDocument();
  expect(rows()).toHaveLength(50);
  expect(router.state.location.search).toBe('?page_size=50');
});

test('the quick filter and sort apply to the loaded page', async () => {
  const okta = await demoProviderId('okta.com');
  const { user } = renderApp(`/providers/${okta}?page_size=100`);
  await screen.findByText('1–100 of 263');
  await user.type(
    screen.getByRole('searchbox', { name: 'Filter this page' }),
    'legacy',
  );
  expect(rows()).toHaveLength(1);
  expect(rows()[0]).toHaveTextContent('legacy-catch-all');
  await user.clear(screen.getByRole('searchbox', { name: 'Filter this page' }));
  await user.click(screen.getByRole('button', { name: /^Display name/ }));
  const names = rows().map(
    (row) => within(row).getAllByRole('cell')[0]!.textContent ?? '',
  );
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  expect(
    screen.getByRole('columnheader', { name: /Display name/ }),
  ).toHaveAttribute('aria-sort', 'ascending');
});

test('the full filter is available on hover and keyboard focus', async () => {
  const okta = await demoProviderId('okta.com');
  const { user } = renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');
  const cell = screen.getAllByLabelText(/^Filter: /)[1]!;
  await user.tab();
  cell.focus();
  expect(await screen.findByRole('tooltip')).toHaveTextContent(
    cell.textContent ?? '',
  );
});

test('a provider with no pools invites creating the first one', async () => {
  const keycloak = await demoProviderId('sso.staging');
  renderApp(`/providers/${keycloak}`);
  expect(
    await screen.findByRole('heading', { name: 'No identity pools yet' }),
  ).toBeInTheDocument();
  expect(
    screen.getByRole('link', { name: 'Create the first pool' }),
  ).toHaveAttribute('href', `/providers/${keycloak}/pools/new`);
});

test('a terse first page as the live service may send it (no api_version, total_size or data) is an empty list', async () => {
  const okta = await demoProviderId('okta.com');
  spyOnFetch(async (request, forward) =>
    request.method === 'GET' &&
    request.url.pathname.endsWith(`/${okta}/identity-pools`)
      ? Response.json({
          kind: 'IdentityPoolList',
          metadata: {
            self: `https://confluent.cloud/api/iam/v2/identity-providers/${okta}/identity-pools`,
          },
        })
      : forward(),
  );
  renderApp(`/providers/${okta}`);
  expect(
    await screen.findByRole('heading', { name: 'No identity pools yet' }),
  ).toBeInTheDocument();
});

test('a viewer’s New pool button is disabled and says why', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp(`/providers/${okta}`, { session: VIEWER_SESSION });
  const button = screen.getByRole('button', { name: 'New pool' });
  expect(button).toBeDisabled();
  expect(button).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
  expect(screen.getByText(VIEWER_WRITE_REASON)).toBeVisible();
  expect(
    screen.queryByRole('link', { name: 'New pool' }),
  ).not.toBeInTheDocument();
  // Browsing works as for anyone.
  expect(await screen.findByText('1–10 of 263')).toBeInTheDocument();
});

test('a viewer is not invited to create a provider’s first pool', async () => {
  const keycloak = await demoProviderId('sso.staging');
  renderApp(`/providers/${keycloak}`, { session: VIEWER_SESSION });
  await screen.findByRole('heading', { name: 'No identity pools yet' });
  const button = screen.getByRole('button', { name: 'Create the first pool' });
  expect(button).toBeDisabled();
  expect(button).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
});

test.each([
  [401, /refused Lifeguard’s credentials/],
  [403, /not allowed to do this/],
  [429, /rate-limiting/],
  [502, /Request id/],
  [504, /Request id/],
])('a %i on the list is explained on screen', async (status, text) => {
  const okta = await demoProviderId('okta.com');
  await injectFault({
    match: { path: 'identity-pools$' },
    respond: { status, ...(status === 429 ? { retryAfter: 30 } : {}) },
    times: 1,
  });
  renderApp(`/providers/${okta}`);
  expect(await screen.findByRole('alert')).toHaveTextContent(text);
});

test('an unknown provider is a not-found with a way back', async () => {
  renderApp('/providers/op-nope');
  const message = await screen.findByText(
    /Identity Provider op-nope not found/,
  );
  const alert = message.closest('[role="alert"]') as HTMLElement;
  expect(alert).toHaveTextContent('Not found');
  expect(
    within(alert).getByRole('link', { name: 'Back to identity providers' }),
  ).toBeInTheDocument();
});

test('while the provider loads, the page title says so instead of being empty', async () => {
  const okta = await demoProviderId('okta.com');
  await injectFault({
    match: { method: 'GET', path: `identity-providers/${okta}$` },
    delayMs: 1_000,
    times: 1,
  });
  renderApp(`/providers/${okta}`, { session: LOCAL_SESSION });
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Loading…' }),
  ).toBeInTheDocument();
  expect(
    await screen.findByRole(
      'heading',
      { level: 1, name: 'Acme Okta' },
      { timeout: 5_000 },
    ),
  ).toBeInTheDocument();
});

test('a miss on this page offers every pool of the provider, walked page by page, and keeps the text', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router } = renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');
  const filter = screen.getByRole('searchbox', { name: 'Filter this page' });
  await user.type(filter, 'lakehouse');
  expect(
    screen.getByText('No pool on this page matches “lakehouse”.'),
  ).toBeInTheDocument();

  await user.click(
    screen.getByRole('button', {
      name: 'Search all 263 pools of this provider',
    }),
  );
  expect(router.state.location.search).toBe('?q=lakehouse&scope=all');
  expect(
    await screen.findByText(/^\d+ of 263 pools match\.$/),
  ).toBeInTheDocument();
  expect(
    screen.getByRole('searchbox', {
      name: 'Filter all of this provider’s pools',
    }),
  ).toHaveValue('lakehouse');
  const found = rows();
  expect(found.length).toBeGreaterThan(0);
  for (const row of found) expect(row).toHaveTextContent(/lakehouse/i);
  expect(
    within(screen.getByRole('table')).getAllByRole('link', {
      name: /lakehouse-sink/,
    }).length,
  ).toBeGreaterThan(0);
  expect(
    screen.queryByRole('navigation', { name: 'Pagination' }),
  ).not.toBeInTheDocument();

  await user.click(screen.getByRole('button', { name: 'Back to this page' }));
  expect(router.state.location.search).toBe('?q=lakehouse');
  expect(await screen.findByText('1–10 of 263')).toBeInTheDocument();
});

test('the quick filter hands its text to the organisation-wide search', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router } = renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');
  await user.type(
    screen.getByRole('searchbox', { name: 'Filter this page' }),
    'lakehouse',
  );
  const link = screen.getByRole('link', {
    name: 'Search every provider for “lakehouse”',
  });
  expect(link).toHaveAttribute('href', '/search?q=lakehouse');
  await user.click(link);
  expect(router.state.location.pathname).toBe('/search');
  expect(
    await screen.findByRole('searchbox', { name: 'Search pools' }),
  ).toHaveValue('lakehouse');
});

test('a pool whose filter is true is flagged in the list as matching every token', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp(`/providers/${okta}?page_size=100`);
  await screen.findByText('1–100 of 263');
  const flagged = rows().filter((row) =>
    row.textContent?.includes('Matches every token'),
  );
  expect(flagged).toHaveLength(1);
  expect(
    within(flagged[0]!).getByRole('link', { name: 'legacy-catch-all' }),
  ).toBeInTheDocument();
  expect(
    within(flagged[0]!).getByLabelText('Filter: true'),
  ).toBeInTheDocument();
});

test('a page of pools Confluent is slow to answer says it is still waiting', async () => {
  const okta = await demoProviderId('okta.com');
  await injectFault({
    match: { method: 'GET', path: 'identity-pools$' },
    delayMs: 4_500,
    times: 1,
  });
  renderApp(`/providers/${okta}`, { session: LOCAL_SESSION });
  expect(await screen.findByRole('table')).toHaveAttribute('aria-busy', 'true');
  expect(
    screen.queryByText('Still waiting for Confluent…'),
  ).not.toBeInTheDocument();
  expect(
    await screen.findByText(
      'Still waiting for Confluent…',
      {},
      { timeout: 4_400 },
    ),
  ).toBeInTheDocument();
  expect(
    await screen.findByText('1–10 of 263', {}, { timeout: 5_000 }),
  ).toBeInTheDocument();
  expect(
    screen.queryByText('Still waiting for Confluent…'),
  ).not.toBeInTheDocument();
});

test('the provider’s quota of identity pools shows above the list, as a named meter', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp(`/providers/${okta}`);
  const meter = await screen.findByRole('meter', {
    name: 'Identity pools of this provider',
  });
  // The emulator's default limit, and the demo provider's 263 pools.
  expect(meter).toHaveAttribute('aria-valuetext', '263 of 1000 pools');
  expect(screen.getByText('263 of 1000 pools')).toBeInTheDocument();
  expect(screen.queryByText(/creating another/)).not.toBeInTheDocument();
});

test('a quota that cannot be read leaves the list as it was, without a meter', async () => {
  const okta = await demoProviderId('okta.com');
  await injectFault({
    match: { method: 'GET', path: 'applied-quotas' },
    respond: { status: 403 },
    times: 1,
  });
  const requests = spyOnFetch();
  renderApp(`/providers/${okta}`);
  expect(await screen.findByText('1–10 of 263')).toBeInTheDocument();
  await waitFor(() => expect(requests.count('GET', /applied-quotas$/)).toBe(1));
  expect(screen.queryByRole('meter')).not.toBeInTheDocument();
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});
