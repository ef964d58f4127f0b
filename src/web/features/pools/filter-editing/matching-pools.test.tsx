import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { createQueryClient } from '@/lib/query-client.ts';
import {
  demoProviderId,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

const CLAIMS = JSON.stringify({
  sub: 'svc-payments-settlement-writer',
  aud: 'kafka-dev',
});
const DONE = /of 263 pools match this token/;

async function openMatchingPools(claims = CLAIMS) {
  const okta = await demoProviderId('okta.com');
  const view = renderApp(`/providers/${okta}`, {
    queryClient: createQueryClient({ random: () => 0 }),
  });
  await screen.findByText('1–10 of 263');
  await view.user.click(screen.getByText('Find the pools a token lands in'));
  const input = await screen.findByLabelText('Token or claims to match');
  await view.user.click(input);
  await view.user.paste(claims);
  return view;
}

// Countdowns split their text across elements, so look at the whole page.
function showsText(text: RegExp) {
  return waitFor(() => expect(document.body).toHaveTextContent(text));
}

function isBulkPage(pathname: string, search: string) {
  return (
    pathname.endsWith('/identity-pools') && search.includes('page_size=100')
  );
}

test('a page answered 429 waits Retry-After with a countdown, then the walk goes on', async () => {
  const { user } = await openMatchingPools();
  const requests = spyOnFetch();
  // The next list request is the walk's first page.
  await injectFault({
    match: { method: 'GET', path: 'identity-pools$' },
    respond: { status: 429, retryAfter: 1 },
    times: 1,
  });
  await user.click(screen.getByRole('button', { name: 'Find matching pools' }));
  await showsText(/Confluent is rate-limiting Lifeguard; retrying in 1 s/);
  expect(
    await screen.findByText(DONE, {}, { timeout: 5_000 }),
  ).toBeInTheDocument();
  const pages = requests.sent.filter((r) =>
    isBulkPage(r.url.pathname, r.url.search),
  );
  // The refused first page again, then pages 2 and 3.
  expect(pages).toHaveLength(4);
});

test('a low budget between pages waits for the reset, showing how long', async () => {
  const { user } = await openMatchingPools();
  let lowered = false;
  spyOnFetch(async (request, forward) => {
    const response = await forward();
    if (lowered || !isBulkPage(request.url.pathname, request.url.search)) {
      return response;
    }
    lowered = true;
    const headers = new Headers(response.headers);
    headers.set('x-ratelimit-limit', '1000');
    headers.set('x-ratelimit-remaining', '3');
    headers.set('x-ratelimit-reset', '2');
    return new Response(response.body, { status: response.status, headers });
  });
  await user.click(screen.getByRole('button', { name: 'Find matching pools' }));
  await showsText(/Waiting for the API budget… 2 s/);
  expect(screen.getByText(/Fetched 100 of 263 pools/)).toBeInTheDocument();
  expect(
    await screen.findByText(DONE, {}, { timeout: 6_000 }),
  ).toBeInTheDocument();
});

test('Cancel stops a walk that is waiting, and nothing more is fetched', async () => {
  const { user } = await openMatchingPools();
  const requests = spyOnFetch();
  await injectFault({
    match: { method: 'GET', path: 'identity-pools$' },
    respond: { status: 429, retryAfter: 30 },
    times: 1,
  });
  await user.click(screen.getByRole('button', { name: 'Find matching pools' }));
  await showsText(/retrying in 30 s/);
  await user.click(screen.getByRole('button', { name: 'Cancel' }));
  expect(
    await screen.findByText('Cancelled after 0 pools.'),
  ).toBeInTheDocument();
  expect(document.body).not.toHaveTextContent(/retrying in/);
  const find = screen.getByRole('button', { name: 'Find matching pools' });
  expect(find).toBeEnabled();
  expect(find).toHaveFocus();
  await new Promise((resolve) => setTimeout(resolve, 500));
  await waitFor(() =>
    expect(
      requests.sent.filter((r) => isBulkPage(r.url.pathname, r.url.search)),
    ).toHaveLength(1),
  );
});

test('an expired token from another issuer is said to land in no pool, before and after the walk', async () => {
  const { user } = await openMatchingPools(
    JSON.stringify({
      iss: 'https://evil.example.com',
      exp: Math.floor(Date.now() / 1000) - 3 * 3600,
      sub: 'svc-payments-settlement-writer',
      aud: 'kafka-dev',
    }),
  );
  const headline =
    'Confluent would reject this token: it was issued by https://evil.example.com, not by this provider (https://acme.okta.com/oauth2/aus4k9x2p7QbW1mZ0h8) and it expired 3 hours ago.';
  // Said as soon as it is pasted, before any pool is fetched.
  expect(screen.getByRole('alert')).toHaveTextContent(headline);
  await user.click(screen.getByRole('button', { name: 'Find matching pools' }));
  const verdict = await screen.findByText(/It lands in no pool;/);
  expect(verdict).toHaveTextContent(headline);
  expect(verdict).toHaveTextContent(
    /on its claims alone, the filters of \d+ pools would match \(of 263\)\./,
  );
  expect(screen.queryByText(DONE)).not.toBeInTheDocument();
  expect(
    await screen.findByRole('list', {
      name: 'Pools whose filters match its claims',
    }),
  ).toBeInTheDocument();
});

test('pools sharing a name are told apart by their ids', async () => {
  const { user } = await openMatchingPools(
    JSON.stringify({
      sub: 'svc-scoring-stream',
      aud: 'kafka',
      groups: ['fraud-dev'],
    }),
  );
  await user.click(screen.getByRole('button', { name: 'Find matching pools' }));
  expect(await screen.findByText(DONE)).toBeInTheDocument();
  const landings = await screen.findByRole('list', {
    name: 'Pools it lands in',
  });
  const twins = within(landings)
    .getAllByRole('link', { name: 'fraud-dev-scoring-stream' })
    .map((link) => link.closest('li')!);
  expect(twins).toHaveLength(2);
  const ids = twins.map((item) => /pool-\w+/.exec(item.textContent ?? '')?.[0]);
  expect(ids[0]).toBeDefined();
  expect(ids[1]).toBeDefined();
  expect(ids[0]).not.toBe(ids[1]);
});
