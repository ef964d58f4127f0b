import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import {
  apiCall,
  demoProviderId,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

type Key = { kid: string; alg?: string; kty: string; use?: string };
type Provider = {
  id: string;
  display_name: string;
  issuer: string;
  jwks_uri: string;
  keys: Key[];
};

function getProvider(id: string) {
  return apiCall<Provider>('GET', `/iam/v2/identity-providers/${id}`);
}

async function poolTotal(providerId: string) {
  const page = await apiCall<{ metadata: { total_size: number } }>(
    'GET',
    `/iam/v2/identity-providers/${providerId}/identity-pools?page_size=1`,
  );
  return page.metadata.total_size;
}

async function openProvider(issuerPart: string) {
  const id = await demoProviderId(issuerPart);
  const provider = await getProvider(id);
  const view = renderApp(`/providers/${id}/details`);
  await screen.findByRole('heading', {
    level: 1,
    name: provider.display_name,
  });
  return { ...view, id, provider };
}

test('the provider page lists its fields and every key Confluent holds', async () => {
  const { provider } = await openProvider('okta.com');
  expect(
    screen.getByRole('navigation', { name: 'Breadcrumb' }),
  ).toHaveTextContent(`Identity providers›${provider.display_name}›Details`);
  expect(screen.getByText(provider.issuer)).toBeInTheDocument();
  expect(screen.getByText(provider.jwks_uri)).toBeInTheDocument();
  const table = screen.getByRole('table', {
    name: `Signing keys of ${provider.display_name}`,
  });
  const rows = within(table).getAllByRole('row').slice(1);
  expect(rows).toHaveLength(provider.keys.length);
  provider.keys.forEach((key, index) => {
    const cells = within(rows[index]!).getAllByRole('cell');
    expect(cells.map((cell) => cell.textContent)).toEqual([
      key.kid,
      key.alg ?? '—',
      key.kty,
      key.use ?? '—',
    ]);
  });
  expect(screen.getByText(/Last refresh status: not known/)).toBeVisible();
  expect(
    await screen.findByRole('link', {
      name: `${await poolTotal(provider.id)} identity pools`,
    }),
  ).toHaveAttribute('href', `/providers/${provider.id}`);
});

test('the pools page links to the provider page', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, router } = renderApp(`/providers/${okta}`);
  await user.click(
    await screen.findByRole('link', {
      name: 'Provider details and signing keys',
    }),
  );
  expect(router.state.location.pathname).toBe(`/providers/${okta}/details`);
});

test('Refresh keys shows the refresh status and the keys Confluent now holds', async () => {
  const { user, id, provider } = await openProvider('okta.com');
  await user.click(screen.getByRole('button', { name: 'Refresh keys' }));

  expect(await screen.findByText('REFRESHED')).toBeInTheDocument();
  expect(screen.getByText(/Confluent fetched the key set/)).toBeInTheDocument();
  expect(
    await screen.findByText(`Refreshed the keys of ${provider.display_name}`),
  ).toBeInTheDocument();
  // The emulator rotates in a new key on each refresh: the table shows it.
  const after = await getProvider(id);
  const newKey = after.keys.find(
    (key) => !provider.keys.some((old) => old.kid === key.kid),
  )!;
  expect(await screen.findByText(newKey.kid)).toBeInTheDocument();
});

test('a refresh Confluent could not complete is shown as a warning naming the JWKS URL', async () => {
  // The emulator only fails refreshes for hosts it was started with; this
  // answer stands in for Confluent's.
  spyOnFetch(async (request, forward) =>
    request.method === 'PATCH' && request.url.pathname.endsWith('/jwks')
      ? new Response(
          JSON.stringify({
            api_version: 'iam/v2',
            kind: 'Jwks',
            spec: { jwks_status: 'REFRESHED' },
            status: {
              jwks_status: 'ERROR_FETCHING_JWKS',
              jwks_last_refresh_at: new Date().toISOString(),
            },
          }),
          { headers: { 'content-type': 'application/json' } },
        )
      : forward(),
  );
  const { user, provider } = await openProvider('okta.com');
  await user.click(screen.getByRole('button', { name: 'Refresh keys' }));
  const warning = await screen.findByRole('alert');
  expect(warning).toHaveTextContent('Last refresh: ERROR_FETCHING_JWKS');
  expect(warning).toHaveTextContent(
    `Confluent could not fetch the key set from ${provider.jwks_uri}`,
  );
});

test('a failed refresh is explained in place', async () => {
  const { user } = await openProvider('okta.com');
  await injectFault({
    match: { method: 'PATCH', path: '/jwks$' },
    respond: { status: 500 },
    times: 1,
  });
  await user.click(screen.getByRole('button', { name: 'Refresh keys' }));
  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent('Request id');
  expect(screen.getByRole('button', { name: 'Refresh keys' })).toBeEnabled();
});

test('deleting a provider with pools warns how many go with it, and takes them', async () => {
  const { user, router, id, provider } = await openProvider('microsoftonline');
  const total = await poolTotal(id);
  expect(total).toBe(14);
  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('alertdialog', {
    name: `Delete ${provider.display_name}?`,
  });
  expect(dialog).toHaveTextContent('14 identity pools will be deleted with it');
  expect(dialog).toHaveTextContent(provider.issuer);
  const confirm = within(dialog).getByRole('button', {
    name: 'Delete provider and 14 identity pools',
  });
  expect(confirm).toBeDisabled();
  const input = within(dialog).getByLabelText(
    `Type ${provider.display_name} to confirm`,
  );
  await user.type(input, provider.display_name.slice(0, -1));
  expect(confirm).toBeDisabled();
  await user.type(input, provider.display_name.slice(-1));
  expect(confirm).toBeEnabled();
  await user.click(confirm);

  expect(
    await screen.findByText(
      `Deleted ${provider.display_name} and its 14 pools`,
    ),
  ).toBeInTheDocument();
  await waitFor(() => expect(router.state.location.pathname).toBe('/'));
  const gone = await apiCall<{ error_code: number }>(
    'GET',
    `/iam/v2/identity-providers/${id}`,
  );
  expect(gone.error_code).toBe(404);
  const pools = await apiCall<{ error_code: number }>(
    'GET',
    `/iam/v2/identity-providers/${id}/identity-pools`,
  );
  expect(pools.error_code).toBe(404);
  await waitFor(() =>
    expect(
      screen.queryByRole('link', { name: provider.display_name }),
    ).not.toBeInTheDocument(),
  );
});

test('a provider without pools says so, and Cancel keeps it', async () => {
  const { user, id, provider } = await openProvider('sso.staging');
  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('alertdialog');
  expect(
    await within(dialog).findByText('This provider has no identity pools.'),
  ).toBeInTheDocument();
  expect(
    within(dialog).getByRole('button', { name: 'Delete provider' }),
  ).toBeDisabled();
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  expect((await getProvider(id)).display_name).toBe(provider.display_name);
});

test('a failed delete is explained inside the dialog, which stays open', async () => {
  const { user, id, provider } = await openProvider('sso.staging');
  await injectFault({
    match: { method: 'DELETE' },
    respond: { status: 500 },
    times: 1,
  });
  await user.click(screen.getByRole('button', { name: 'Delete' }));
  const dialog = await screen.findByRole('alertdialog');
  await user.type(
    within(dialog).getByLabelText(`Type ${provider.display_name} to confirm`),
    `${provider.display_name}{Enter}`,
  );
  expect(await within(dialog).findByRole('alert')).toHaveTextContent(
    'Request id',
  );
  expect((await getProvider(id)).id).toBe(id);
});

test('viewers see Edit, Delete and Refresh keys disabled with the reason', async () => {
  const okta = await demoProviderId('okta.com');
  const provider = await getProvider(okta);
  renderApp(`/providers/${okta}/details`, { session: VIEWER_SESSION });
  await screen.findByRole('heading', { level: 1, name: provider.display_name });
  for (const name of ['Edit', 'Delete', 'Refresh keys']) {
    const button = screen.getByRole('button', { name });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
  }
  // The keys are still listed.
  expect(screen.getByText(provider.keys[0]!.kid)).toBeInTheDocument();
});

test('an unknown provider is a not-found message', async () => {
  renderApp('/providers/op-doesnotexist/details');
  expect(await screen.findByRole('alert')).toHaveTextContent('op-doesnotexist');
});
