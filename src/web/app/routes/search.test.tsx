import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { beforeEach, expect, test } from 'vitest';
import {
  apiCall,
  demoProviderId,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { poolQueries } from '@/features/pools/api/queries.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp } from '@/testing/render.tsx';
import { updateTestPool } from '@/testing/writes.ts';

beforeEach(() => resetEmulator('demo'));

// The demo seed: Okta 263 pools, Google 8, Azure 14, GitHub 3, Keycloak 0,
// the emulator's test IdP 2;
// 4 group mappings; 1 certificate authority with 3 certificate pools.
const ALL_LOADED = 'Loaded all 290 pools from 6 providers.';
const OTHERS_LOADED =
  '4 group mappings. 3 certificate pools from 1 of 1 certificate authority.';
const ALL_RESULTS = 297;
const POOL_LIST = /\/identity-providers\/[^/]+\/identity-pools$/;
const PROVIDER_LIST = /\/identity-providers$/;

function searchBox() {
  return screen.getByRole('searchbox', { name: 'Search pools' });
}

// Plain selectors over the rows: role queries over hundreds of rows are slow
// in jsdom.
function resultRows() {
  const table = screen.getByRole('table', { name: 'Pools found' });
  return [...table.querySelectorAll<HTMLTableRowElement>('tbody tr')];
}

function poolLink(row: Element) {
  return row.querySelector<HTMLAnchorElement>('a')!;
}

function rowNames() {
  return resultRows().map((row) => poolLink(row).textContent);
}

// One change, as a paste: typing letter by letter re-renders the rows for
// each, which jsdom makes slow.
async function searchFor(user: UserEvent, text: string) {
  await user.clear(searchBox());
  await user.paste(text);
}

// Every identity pool, and the other kinds too.
async function allLoaded() {
  await screen.findByText(OTHERS_LOADED, {}, { timeout: 10_000 });
  return screen.findByText(ALL_LOADED, {}, { timeout: 10_000 });
}

// Rendering hundreds of rows is slow in jsdom on a busy machine.
const MANY_ROWS = { timeout: 30_000 };

test(
  'every pool of every provider loads, one provider page at a time, with progress in a polite status',
  MANY_ROWS,
  async () => {
    const okta = await demoProviderId('okta.com');
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inFlight = 0;
    let mostInFlight = 0;
    const requests = spyOnFetch(async (request, forward) => {
      if (!POOL_LIST.test(request.url.pathname)) return forward();
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        // Okta's second page waits, so the progress can be read mid-walk.
        if (
          request.url.pathname.includes(okta) &&
          request.url.searchParams.has('page_token')
        ) {
          await held;
        }
        return await forward();
      } finally {
        inFlight -= 1;
      }
    });
    const { user } = renderApp('/search');

    const progress = await screen.findByText(
      'Loaded 100 pools from 0 of 6 providers…',
    );
    expect(progress).toHaveAttribute('role', 'status');
    expect(screen.getByText('Acme Okta: 100 of 263 pools')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Pools loaded' }),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
    release();

    const done = await allLoaded();
    expect(done).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    expect(screen.getByText(`${ALL_RESULTS} results.`)).toBeInTheDocument();
    expect(requests.count('GET', PROVIDER_LIST)).toBe(1);
    // Okta's three pages of 100, then one page for each other provider.
    expect(requests.count('GET', POOL_LIST)).toBe(8);
    expect(mostInFlight).toBe(1);

    // 100 rows at a time; the keyboard lands on the first row added.
    expect(resultRows()).toHaveLength(100);
    await user.click(screen.getByRole('button', { name: 'Show 100 more' }));
    expect(resultRows()).toHaveLength(200);
    expect(poolLink(resultRows()[100]!)).toHaveFocus();
    await user.click(screen.getByRole('button', { name: 'Show 97 more' }));
    expect(resultRows()).toHaveLength(ALL_RESULTS);
    expect(
      screen.queryByRole('button', { name: /^Show \d+ more$/ }),
    ).not.toBeInTheDocument();
    expect(poolLink(resultRows()[200]!)).toHaveFocus();
  },
);

test(
  'finds pools by a fragment of the name, id, identity claim or filter, across providers, and marks the hits',
  MANY_ROWS,
  async () => {
    const google = await demoProviderId('accounts.google.com');
    const googlePools = await apiCall<{
      data: { id: string; display_name: string }[];
    }>(
      'GET',
      `/iam/v2/identity-providers/${google}/identity-pools?page_size=100`,
    );
    const bqExport = googlePools.data.find(
      (p) => p.display_name === 'bq-export',
    )!;
    const { user } = renderApp('/search');
    await allLoaded();

    // Name, in any case.
    await searchFor(user, 'SETTLEMENT-writer');
    await waitFor(() =>
      expect(
        rowNames().every((name) => name?.includes('settlement-writer')),
      ).toBe(true),
    );
    expect(rowNames().length).toBeGreaterThan(1);
    const firstName = poolLink(resultRows()[0]!);
    expect(within(firstName).getByText('settlement-writer').tagName).toBe(
      'MARK',
    );

    // Id: exactly that pool, with its provider.
    await searchFor(user, bqExport.id.toLowerCase());
    await waitFor(() => expect(rowNames()).toEqual(['bq-export']));
    expect(resultRows()[0]).toHaveTextContent('Google Cloud workloads');
    expect(within(resultRows()[0]!).getByText(bqExport.id).tagName).toBe(
      'MARK',
    );
    expect(
      within(resultRows()[0]!).getByRole('link', { name: 'bq-export' }),
    ).toHaveAttribute('href', `/providers/${google}/pools/${bqExport.id}`);

    // Filter text, across providers: only a Google pool has this domain.
    await searchFor(user, 'acme-ml.iam');
    await waitFor(() => expect(rowNames()).toEqual(['ml-batch-jobs']));
    expect(
      screen.getByText(`1 of ${ALL_RESULTS} results matches.`),
    ).toBeInTheDocument();

    // Identity claim: Google's pools all name callers by e-mail, as do some of Okta's.
    await searchFor(user, 'claims.email');
    await waitFor(() => expect(rowNames()).toContain('bq-export'));
    const providersShown = new Set(
      resultRows().map((row) => row.querySelectorAll('a')[1]?.textContent),
    );
    expect(providersShown).toEqual(
      new Set(['Google Cloud workloads', 'Acme Okta']),
    );
    for (const row of resultRows())
      expect(row).toHaveTextContent('claims.email');

    // Several words: each must match somewhere.
    await searchFor(user, 'payments  prod');
    await waitFor(() =>
      expect(rowNames()).toContain('payments-prod-settlement-writer'),
    );
    expect(rowNames()).not.toContain('payments-dev-settlement-writer');
    for (const row of resultRows()) {
      expect(row.textContent?.toLowerCase()).toContain('payments');
      expect(row.textContent?.toLowerCase()).toContain('prod');
    }

    await searchFor(user, 'no-such-pool-anywhere');
    expect(
      await screen.findByText('No object matches this search.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(`0 of ${ALL_RESULTS} results match.`),
    ).toBeInTheDocument();
  },
);

test('sorting by last update, newest first; the URL keeps the query and the sort, and a reload shows the same', async () => {
  const first = renderApp('/search?q=payments');
  await allLoaded();
  expect(searchBox()).toHaveValue('payments');
  // By name at first.
  expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const byName = rowNames();
  expect(byName).toEqual(
    [...byName].sort((a, b) =>
      a!.localeCompare(b!, 'en', { numeric: true, sensitivity: 'base' }),
    ),
  );
  await first.user.click(screen.getByRole('button', { name: /Last updated/ }));
  await waitFor(() =>
    expect(
      screen.getByRole('columnheader', { name: /Last updated/ }),
    ).toHaveAttribute('aria-sort', 'descending'),
  );
  const times = () =>
    resultRows().map((row) =>
      Date.parse(row.querySelector('time')!.getAttribute('datetime')!),
    );
  const newestFirst = times();
  expect(newestFirst.length).toBeGreaterThan(10);
  expect(newestFirst).toEqual([...newestFirst].sort((a, b) => b - a));
  const names = rowNames();

  const { pathname, search } = first.router.state.location;
  expect(pathname).toBe('/search');
  expect(new URLSearchParams(search).get('q')).toBe('payments');
  expect(new URLSearchParams(search).get('sort')).toBe('-updated_at');

  // Again: oldest first.
  await first.user.click(screen.getByRole('button', { name: /Last updated/ }));
  await waitFor(() =>
    expect(times()).toEqual([...newestFirst].sort((a, b) => a - b)),
  );
  expect(
    new URLSearchParams(first.router.state.location.search).get('sort'),
  ).toBe('updated_at');
  first.unmount();

  // A shared link or a reload: a new app, new cache.
  renderApp(`/search${search}`);
  await allLoaded();
  expect(searchBox()).toHaveValue('payments');
  expect(
    screen.getByRole('columnheader', { name: /Last updated/ }),
  ).toHaveAttribute('aria-sort', 'descending');
  expect(rowNames()).toEqual(names);
});

test('a provider narrows the results, and is kept in the URL', async () => {
  const google = await demoProviderId('accounts.google.com');
  const { user, router } = renderApp('/search');
  await allLoaded();
  await user.click(
    screen.getByRole('combobox', { name: 'Provider or authority' }),
  );
  await user.click(
    await screen.findByRole('option', { name: 'Google Cloud workloads' }),
  );
  await waitFor(() => expect(resultRows()).toHaveLength(8));
  expect(screen.getByText('8 of 8 pools match.')).toBeInTheDocument();
  expect(
    new URLSearchParams(router.state.location.search).get('provider'),
  ).toBe(google);
  await searchFor(user, 'kafka-staging');
  await waitFor(() =>
    expect(rowNames().sort()).toEqual(['composer-dags', 'gcs-sink-staging']),
  );
});

test('a page answered 429 is waited out, with a countdown, and the search completes', async () => {
  const okta = await demoProviderId('okta.com');
  const requests = spyOnFetch();
  // The first pool page of the walk: Okta's.
  await injectFault({
    match: { method: 'GET', path: `${okta}/identity-pools$` },
    respond: { status: 429, retryAfter: 1 },
    times: 1,
  });
  renderApp('/search');
  await waitFor(() =>
    expect(document.body).toHaveTextContent(
      /Confluent is rate-limiting Lifeguard; retrying in \d s/,
    ),
  );
  await allLoaded();
  expect(document.body).not.toHaveTextContent(/retrying in/);
  const oktaPages = requests.sent.filter(
    (r) =>
      r.method === 'GET' && r.url.pathname.endsWith(`${okta}/identity-pools`),
  );
  // The refused first page again, then pages 2 and 3.
  expect(oktaPages).toHaveLength(4);
  expect(oktaPages[0]!.url.search).toBe(oktaPages[1]!.url.search);
});

test('a low budget after one provider waits for the reset before the next provider’s first page', async () => {
  const google = await demoProviderId('accounts.google.com');
  const azure = await demoProviderId('microsoftonline.com');
  let googleAnsweredAt = 0;
  let azureAskedAt = 0;
  spyOnFetch(async (request, forward) => {
    if (request.url.pathname.endsWith(`${azure}/identity-pools`)) {
      azureAskedAt ||= Date.now();
    }
    const response = await forward();
    if (!request.url.pathname.endsWith(`${google}/identity-pools`)) {
      return response;
    }
    // Google's only page leaves the budget low; the window resets in 1 s.
    googleAnsweredAt = Date.now();
    const headers = new Headers(response.headers);
    headers.set('x-ratelimit-limit', '1000');
    headers.set('x-ratelimit-remaining', '3');
    headers.set('x-ratelimit-reset', '1');
    return new Response(response.body, { status: response.status, headers });
  });
  renderApp('/search');
  await waitFor(() =>
    expect(document.body).toHaveTextContent(
      /Waiting for the API budget to reset… \d s/,
    ),
  );
  expect(
    screen.getByText('Azure AD – Platform tenant: 0 pools so far'),
  ).toBeInTheDocument();
  await allLoaded();
  expect(azureAskedAt - googleAnsweredAt).toBeGreaterThanOrEqual(1_000);
});

test('a provider that fails is named with its own Retry, and the other providers’ pools stay searchable', async () => {
  const google = await demoProviderId('accounts.google.com');
  await injectFault({
    match: {
      method: 'GET',
      path: `identity-providers/${google}/identity-pools$`,
    },
    respond: { status: 403 },
    times: 1,
  });
  const { user } = renderApp('/search');
  expect(
    await screen.findByText(
      'Loaded 282 pools from 5 of 6 providers.',
      {},
      { timeout: 10_000 },
    ),
  ).toHaveAttribute('role', 'status');
  const alert = screen.getByRole('alert');
  expect(alert).toHaveTextContent('One provider could not be searched');
  expect(alert).toHaveTextContent('Google Cloud workloads');
  await screen.findByText(OTHERS_LOADED, {}, { timeout: 10_000 });
  expect(
    await screen.findByText(`${ALL_RESULTS - 8} results.`),
  ).toBeInTheDocument();

  await searchFor(user, 'legacy-catch-all');
  await waitFor(() => expect(rowNames()).toEqual(['legacy-catch-all']));
  await searchFor(user, 'bq-export');
  expect(
    await screen.findByText('No object matches this search.'),
  ).toBeInTheDocument();

  await user.click(
    within(alert).getByRole('button', { name: 'Retry Google Cloud workloads' }),
  );
  await allLoaded();
  await waitFor(() => expect(rowNames()).toEqual(['bq-export']));
  expect(
    screen.queryByText('One provider could not be searched'),
  ).not.toBeInTheDocument();
});

test('Cancel stops the walk, nothing more is fetched, and Load the rest finishes it', async () => {
  await injectFault({
    match: { method: 'GET', path: 'identity-providers/[^/]+/identity-pools$' },
    delayMs: 2_000,
    times: 1,
  });
  const requests = spyOnFetch();
  const { user } = renderApp('/search');
  // Mid-walk: Okta's first page is held up.
  await screen.findByText('Loaded 0 pools from 0 of 6 providers…');
  await user.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(
    await screen.findByText(
      'Stopped after loading 0 pools from 0 of 6 providers.',
    ),
  ).toHaveAttribute('role', 'status');
  const sentAtCancel = requests.count('GET', POOL_LIST);
  expect(sentAtCancel).toBeLessThanOrEqual(1);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(requests.count('GET', POOL_LIST)).toBe(sentAtCancel);

  await user.click(screen.getByRole('button', { name: 'Load the rest' }));
  await allLoaded();
});

test('coming back to the search shows the cached results at once, without fetching again', async () => {
  const requests = spyOnFetch();
  const { user, router } = renderApp('/search');
  await allLoaded();
  await searchFor(user, 'ml-batch');
  await waitFor(() => expect(rowNames()).toEqual(['ml-batch-jobs']));
  const poolLists = requests.count('GET', POOL_LIST);
  const providerLists = requests.count('GET', PROVIDER_LIST);

  await user.click(screen.getByRole('link', { name: 'ml-batch-jobs' }));
  expect(
    await screen.findByRole('heading', { level: 1, name: 'ml-batch-jobs' }),
  ).toBeInTheDocument();
  await router.navigate(-1);

  expect(await screen.findByText(ALL_LOADED)).toBeInTheDocument();
  expect(searchBox()).toHaveValue('ml-batch');
  expect(rowNames()).toEqual(['ml-batch-jobs']);
  expect(requests.count('GET', POOL_LIST)).toBe(poolLists);
  expect(requests.count('GET', PROVIDER_LIST)).toBe(providerLists);

  // Refresh is the way to fetch again.
  await user.click(screen.getByRole('button', { name: 'Refresh' }));
  await screen.findByRole('button', { name: 'Cancel' });
  await allLoaded();
  expect(requests.count('GET', POOL_LIST)).toBe(poolLists + 8);
});

test('a pool write, which refreshes its provider’s pool lists, refreshes that provider in the search too', async () => {
  const google = await demoProviderId('accounts.google.com');
  const requests = spyOnFetch();
  const { user, queryClient } = renderApp('/search?q=bq-export');
  await allLoaded();
  await waitFor(() => expect(rowNames()).toEqual(['bq-export']));
  const googlePools = await apiCall<{
    data: { id: string; display_name: string }[];
  }>(
    'GET',
    `/iam/v2/identity-providers/${google}/identity-pools?page_size=100`,
  );
  const bqExport = googlePools.data.find((p) => p.display_name === 'bq-export');
  await updateTestPool(google, bqExport!.id, {
    display_name: 'bq-export-renamed',
  });
  const before = requests.count('GET', POOL_LIST);
  // What the pools feature's mutations do after a save.
  await queryClient.invalidateQueries({
    queryKey: poolQueries.providerLists(google),
  });
  await waitFor(() => expect(rowNames()).toEqual(['bq-export-renamed']));
  // Only that provider was walked again.
  expect(requests.count('GET', POOL_LIST)).toBe(before + 1);
  await searchFor(user, 'renamed');
  await waitFor(() => expect(rowNames()).toEqual(['bq-export-renamed']));
});

test('the header links to the search, whose box the `/` shortcut can find', async () => {
  const { user, router } = renderApp('/');
  const sections = await screen.findByRole('navigation', { name: 'Sections' });
  await user.click(within(sections).getByRole('link', { name: 'Search' }));
  expect(router.state.location.pathname).toBe('/search');
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Search' }),
  ).toBeInTheDocument();
  expect(searchBox()).toHaveAttribute('data-shortcut-search');
  await waitFor(() => expect(document.title).toBe('Search · Lifeguard'));
  await allLoaded();
});

test('a pool whose filter is true is flagged as matching every token', async () => {
  renderApp('/search?q=legacy-catch-all');
  await allLoaded();
  await waitFor(() => expect(rowNames()).toEqual(['legacy-catch-all']));
  expect(resultRows()[0]).toHaveTextContent('Matches every token');
  await waitFor(() =>
    expect(screen.getAllByText('Matches every token')).toHaveLength(1),
  );
});

test(
  'group mappings and certificate pools are found too, each labelled with its kind and linking to its screen; Kind narrows the results and is kept in the URL',
  MANY_ROWS,
  async () => {
    const mappings = await apiCall<{
      data: { id: string; display_name: string }[];
    }>('GET', '/iam/v2/sso/group-mappings?page_size=100');
    const everyone = mappings.data.find((m) => m.display_name === 'Everyone')!;
    const authorities = await apiCall<{
      data: { id: string; display_name: string }[];
    }>('GET', '/iam/v2/certificate-authorities?page_size=100');
    const authority = authorities.data[0]!;
    const pools = await apiCall<{
      data: { id: string; display_name: string }[];
    }>(
      'GET',
      `/iam/v2/certificate-authorities/${authority.id}/identity-pools?page_size=100`,
    );
    const orders = pools.data.find(
      (p) => p.display_name === 'orders-services',
    )!;
    const { user, router } = renderApp('/search');
    await allLoaded();

    // A group mapping: its filter's words find it; no parent, no identity.
    await searchFor(user, '"platform" in groups');
    await waitFor(() => expect(rowNames()).toEqual(['Platform engineers']));
    const [mappingRow] = resultRows();
    expect(mappingRow).toHaveTextContent('Group mapping');
    expect(
      within(mappingRow!).getByRole('link', { name: 'Platform engineers' }),
    ).toHaveAttribute(
      'href',
      `/group-mappings/${mappings.data.find((m) => m.display_name === 'Platform engineers')!.id}`,
    );

    // A certificate pool: by its filter, with its authority and external identifier.
    await searchFor(user, "CN.startsWith('orders-')");
    await waitFor(() => expect(rowNames()).toEqual(['orders-services']));
    const [poolRow] = resultRows();
    expect(poolRow).toHaveTextContent('Certificate pool');
    expect(poolRow).toHaveTextContent('CN');
    expect(
      within(poolRow!).getByRole('link', { name: 'orders-services' }),
    ).toHaveAttribute(
      'href',
      `/certificate-authorities/${authority.id}/pools/${orders.id}`,
    );
    expect(
      within(poolRow!).getByRole('link', { name: authority.display_name }),
    ).toHaveAttribute('href', `/certificate-authorities/${authority.id}`);

    // Filters of `true`, flagged in each kind's words.
    await searchFor(user, everyone.id);
    await waitFor(() => expect(rowNames()).toEqual(['Everyone']));
    expect(resultRows()[0]).toHaveTextContent('Matches every SSO user');

    // Kind: only group mappings, in the URL.
    await searchFor(user, '');
    await user.click(screen.getByRole('combobox', { name: 'Kind' }));
    await user.click(
      await screen.findByRole('option', { name: 'Group mappings' }),
    );
    await waitFor(() => expect(resultRows()).toHaveLength(4));
    expect(
      screen.getByText('4 of 4 group mappings match.'),
    ).toBeInTheDocument();
    expect(new URLSearchParams(router.state.location.search).get('kind')).toBe(
      'group-mapping',
    );
    for (const row of resultRows())
      expect(row).toHaveTextContent('Group mapping');

    // The authority as the parent: its three pools.
    await user.click(screen.getByRole('combobox', { name: 'Kind' }));
    await user.click(await screen.findByRole('option', { name: 'All kinds' }));
    await user.click(
      screen.getByRole('combobox', { name: 'Provider or authority' }),
    );
    await user.click(
      await screen.findByRole('option', {
        name: `${authority.display_name} (certificate authority)`,
      }),
    );
    await waitFor(() =>
      expect(rowNames().sort()).toEqual([
        'any-acme-workload',
        'orders-services',
        'payments-and-billing',
      ]),
    );
  },
);
