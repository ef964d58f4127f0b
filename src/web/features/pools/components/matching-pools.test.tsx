import { screen, waitFor } from '@testing-library/react';
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

async function openMatchingPools() {
  const okta = await demoProviderId('okta.com');
  const view = renderApp(`/providers/${okta}`, {
    queryClient: createQueryClient({ random: () => 0 }),
  });
  await screen.findByText('1–10 of 263');
  await view.user.click(screen.getByText('Find the pools a token lands in'));
  const input = await screen.findByLabelText('Token or claims to match');
  await view.user.click(input);
  await view.user.paste(CLAIMS);
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
