import { screen, within } from '@testing-library/react';
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

// The app's own retry policy, with the jitter at its minimum so waits are
// exactly Retry-After, or half of each backoff step.
function retryingClient() {
  return createQueryClient({ random: () => 0 });
}

test('a list answered 429 counts down Retry-After where the rows would be, then shows them', async () => {
  const okta = await demoProviderId('okta.com');
  await injectFault({
    match: { method: 'GET', path: 'identity-pools$' },
    respond: { status: 429, retryAfter: 2 },
    times: 1,
  });
  renderApp(`/providers/${okta}`, { queryClient: retryingClient() });

  const notice = await screen.findByRole('alert');
  expect(notice).toHaveTextContent(
    'The Confluent API is rate-limiting requests',
  );
  expect(notice).toHaveTextContent(
    /Confluent is rate-limiting Lifeguard; retrying in 2 s/,
  );
  // The table keeps its skeleton meanwhile.
  expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');
  // It counts down…
  expect(
    await within(notice).findByText('1 s', {}, { timeout: 2_000 }),
  ).toBeInTheDocument();
  // …then the retry brings the rows, and the notice goes.
  expect(await screen.findByText('1–10 of 263')).toBeInTheDocument();
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});

test('a list answered 500 twice recovers by itself on the third try', async () => {
  await injectFault({
    match: { method: 'GET', path: 'identity-providers$' },
    respond: { status: 500 },
    times: 2,
  });
  const requests = spyOnFetch();
  renderApp('/', { queryClient: retryingClient() });

  // A brief wait, so a polite status rather than an alert.
  const retrying = await screen.findByText(/Lifeguard is retrying in/);
  expect(retrying.closest('[role="status"]')).toHaveTextContent(
    'The Confluent API failed to handle the request.',
  );
  expect(
    await screen.findByRole('link', { name: 'Acme Okta' }, { timeout: 5_000 }),
  ).toBeInTheDocument();
  expect(requests.count('GET', /\/api\/iam\/v2\/identity-providers$/)).toBe(3);
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  expect(screen.queryByText(/Lifeguard is retrying/)).not.toBeInTheDocument();
});

test('a 404 is not retried: one request, and the not-found at once', async () => {
  const okta = await demoProviderId('okta.com');
  const requests = spyOnFetch();
  renderApp(`/providers/${okta}/pools/pool-none`, {
    queryClient: retryingClient(),
  });
  expect(await screen.findByRole('alert')).toHaveTextContent('Not found');
  // Longer than the first backoff step: no second try came.
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  expect(requests.count('GET', /\/identity-pools\/pool-none$/)).toBe(1);
});
