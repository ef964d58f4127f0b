import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import {
  demoProviderId,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

test('the providers page lists each provider with its issuer, id and pool count', async () => {
  renderApp('/');
  expect(
    await screen.findByRole('link', { name: 'Acme Okta' }),
  ).toBeInTheDocument();
  const row = screen.getByRole('link', { name: 'Acme Okta' }).closest('tr')!;
  expect(
    within(row).getByText('https://acme.okta.com/oauth2/aus4k9x2p7QbW1mZ0h8'),
  ).toBeInTheDocument();
  expect(await within(row).findByText('263')).toBeInTheDocument();
  expect(document.title).toBe('Identity providers · Lifeguard');
});

test('a failing provider list explains itself and offers a retry', async () => {
  await injectFault({
    match: { path: 'identity-providers$' },
    respond: { status: 500 },
    times: 1,
  });
  const { user } = renderApp('/');
  expect(await screen.findByRole('alert')).toHaveTextContent('Request id');
  await user.click(screen.getByRole('button', { name: 'Retry' }));
  expect(
    await screen.findByRole('link', { name: 'Acme Okta' }),
  ).toBeInTheDocument();
});

// The list envelope as recorded from the live API: no api_version, and the
// service may leave out (or null) total_size and data.
function terseList(kind: string, path: string, rest: object = {}) {
  return Response.json({
    kind,
    metadata: { self: `https://confluent.cloud/api${path}` },
    ...rest,
  });
}

test('a pool count from a terse page without total_size or data is 0', async () => {
  spyOnFetch(async (request, forward) =>
    request.method === 'GET' &&
    request.url.pathname.endsWith('/identity-pools') &&
    request.url.searchParams.get('page_size') === '1'
      ? terseList('IdentityPoolList', request.url.pathname.slice(4))
      : forward(),
  );
  renderApp('/');
  const row = (await screen.findByRole('link', { name: 'Acme Okta' })).closest(
    'tr',
  )!;
  expect(await within(row).findByText('0')).toBeInTheDocument();
});

test('a provider page whose data is null says the organisation has no providers', async () => {
  spyOnFetch(async (request, forward) =>
    request.method === 'GET' &&
    request.url.pathname === '/api/iam/v2/identity-providers'
      ? terseList('IdentityProviderList', '/iam/v2/identity-providers', {
          data: null,
        })
      : forward(),
  );
  renderApp('/');
  expect(
    await screen.findByText('This organisation has no identity providers yet.'),
  ).toBeInTheDocument();
});

test('a list Confluent is slow to answer says it is still waiting, then shows its rows', async () => {
  await injectFault({
    match: { method: 'GET', path: 'identity-providers$' },
    delayMs: 4_500,
    times: 1,
  });
  renderApp('/');
  expect(
    await screen.findByRole('table', { name: 'Identity providers' }),
  ).toHaveAttribute('aria-busy', 'true');
  // Not at once: a normal load never shows it.
  expect(
    screen.queryByText('Still waiting for Confluent…'),
  ).not.toBeInTheDocument();
  expect(
    await screen.findByText(
      'Still waiting for Confluent…',
      {},
      { timeout: 4_400 },
    ),
  ).toHaveAttribute('role', 'status');
  expect(
    await screen.findByRole('link', { name: 'Acme Okta' }, { timeout: 5_000 }),
  ).toBeInTheDocument();
  expect(
    screen.queryByText('Still waiting for Confluent…'),
  ).not.toBeInTheDocument();
});

test('a provider’s id is kept on one line, not broken after its hyphen', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp('/');
  const row = (await screen.findByRole('link', { name: 'Acme Okta' })).closest(
    'tr',
  )!;
  // jsdom lays nothing out: the style that keeps "op-RBKg" whole is checked.
  expect(within(row).getByText(okta)).toHaveClass('whitespace-nowrap');
});
