import { onlineManager } from '@tanstack/react-query';
import { act, screen, waitFor } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { createQueryClient } from '@/lib/query-client.ts';
import {
  demoProviderId,
  emulatorOutage,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

// Probes run at 1 s, then 3 s, 7 s …; give the banner time to see one fail
// and the next succeed.
const RECOVERY_TIMEOUT = { timeout: 10_000 };

function banner() {
  return screen.getByText(/Lifeguard cannot reach|You are offline/, {
    selector: 'strong',
  });
}

test('the upstream’s port closed mid-session: a banner, then recovery by itself with nothing typed lost', async () => {
  const okta = await demoProviderId('okta.com');
  const { user, queryClient } = renderApp(`/providers/${okta}`, {
    queryClient: createQueryClient({ random: () => 0 }),
  });
  await screen.findByText('1–10 of 263');
  const search = screen.getByRole('searchbox', { name: 'Filter this page' });
  await user.type(search, 'payments');

  await emulatorOutage(2_500);
  // Anything that asks the server now gets 502 upstream_unreachable.
  void queryClient.invalidateQueries();
  expect(
    await screen.findByText('Lifeguard cannot reach Confluent; retrying…'),
  ).toBeInTheDocument();
  expect(banner().closest('[role="status"]')).toBeInTheDocument();
  // The first probe of /readyz fails while the port is closed, and says why.
  expect(
    await screen.findByText(/The upstream could not be reached\./),
  ).toBeInTheDocument();

  await waitFor(
    () => expect(screen.queryByText(/Lifeguard cannot reach/)).toBeNull(),
    RECOVERY_TIMEOUT,
  );
  await waitFor(() =>
    expect(
      queryClient
        .getQueryCache()
        .findAll({ type: 'active' })
        .filter((query) => query.state.status === 'error'),
    ).toEqual([]),
  );
  // Same page, same input: nothing was unmounted.
  expect(search).toBeInTheDocument();
  expect(search).toHaveValue('payments');
});

test('a 502 shows the banner until /readyz is OK again, then the failed list is fetched again', async () => {
  const okta = await demoProviderId('okta.com');
  // Every try of the list fails (three), and so does the first probe:
  // /readyz lists one provider upstream.
  await injectFault({
    match: { method: 'GET', path: 'identity-pools$' },
    respond: { status: 502 },
    times: 3,
  });
  await injectFault({
    match: { method: 'GET', path: 'identity-providers$' },
    respond: { status: 503 },
    times: 1,
  });
  renderApp(`/providers/${okta}`, {
    queryClient: createQueryClient({ random: () => 0 }),
  });
  expect(
    await screen.findByText('Lifeguard cannot reach Confluent; retrying…'),
  ).toBeInTheDocument();
  // The list gives up meanwhile, with the inline error.
  expect(await screen.findByRole('alert')).toHaveTextContent('Request id');
  expect(
    await screen.findByText(/The upstream answered 503\./),
  ).toBeInTheDocument();
  // The next probe succeeds: the banner goes and the list refetches.
  expect(
    await screen.findByText('1–10 of 263', {}, RECOVERY_TIMEOUT),
  ).toBeInTheDocument();
  expect(screen.queryByText(/Lifeguard cannot reach/)).toBeNull();
  expect(screen.queryByRole('alert')).toBeNull();
});

test('no answer at all blames the server, and /healthz ends it', async () => {
  const okta = await demoProviderId('okta.com');
  let failuresLeft = 3;
  const requests = spyOnFetch(async (request, forward) => {
    if (request.url.pathname.endsWith('/identity-pools') && failuresLeft > 0) {
      failuresLeft -= 1;
      throw new TypeError('fetch failed');
    }
    return forward();
  });
  renderApp(`/providers/${okta}`, {
    queryClient: createQueryClient({ random: () => 0 }),
  });
  expect(
    await screen.findByText('Lifeguard cannot reach its server; retrying…'),
  ).toBeInTheDocument();
  expect(
    await screen.findByText('1–10 of 263', {}, RECOVERY_TIMEOUT),
  ).toBeInTheDocument();
  await waitFor(() =>
    expect(screen.queryByText(/Lifeguard cannot reach/)).toBeNull(),
  );
  expect(requests.count('GET', /^\/healthz$/)).toBeGreaterThan(0);
  expect(requests.count('GET', /^\/readyz$/)).toBe(0);
});

test('going offline shows a banner, and coming back hides it', async () => {
  renderApp('/');
  await screen.findByRole('link', { name: 'Acme Okta' });
  expect(screen.queryByText(/You are offline/)).toBeNull();
  act(() => onlineManager.setOnline(false));
  expect(banner()).toHaveTextContent('You are offline.');
  act(() => onlineManager.setOnline(true));
  expect(screen.queryByText(/You are offline/)).toBeNull();
});
