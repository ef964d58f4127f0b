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

const BUDGET_TEXT = /Confluent API budget/;

// The header's live region, which is there (empty) even while healthy.
function budgetStatus() {
  const status = within(screen.getByRole('banner'))
    .getAllByRole('status')
    .find((element) => element.dataset.slot === 'rate-budget');
  if (!status) throw new Error('no budget status in the header');
  return status;
}

test('a healthy budget shows nothing', async () => {
  const okta = await demoProviderId('okta.com');
  renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');
  expect(budgetStatus()).toBeEmptyDOMElement();
});

test('a low budget shows in the header until its window resets', async () => {
  const okta = await demoProviderId('okta.com');
  // The emulator allows 10,000 a minute; report what an organisation close
  // to its limit would see, on every answer from Confluent's API.
  spyOnFetch(async (request, forward) => {
    const response = await forward();
    // Every upstream answer (pools, quotas…), not Lifeguard's own.
    const { pathname } = request.url;
    if (!pathname.startsWith('/api/') || pathname.startsWith('/api/lifeguard/'))
      return response;
    const headers = new Headers(response.headers);
    headers.set('x-ratelimit-limit', '1000');
    headers.set('x-ratelimit-remaining', '12');
    headers.set('x-ratelimit-reset', '2');
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  });
  renderApp(`/providers/${okta}`);
  await screen.findByText('1–10 of 263');
  expect(budgetStatus()).toHaveTextContent(
    /^Confluent API budget: 12 of 1,000 left, resets in 2 s/,
  );
  // The window resets; nothing more was asked, so nothing more is known
  // but that the budget has refilled.
  await waitFor(() => expect(budgetStatus()).toBeEmptyDOMElement(), {
    timeout: 4_000,
  });
});

test('a 429 reports an empty budget, and the next healthy answer hides it', async () => {
  const okta = await demoProviderId('okta.com');
  await injectFault({
    match: { method: 'GET', path: 'identity-pools$' },
    respond: { status: 429, retryAfter: 1 },
    times: 1,
  });
  renderApp(`/providers/${okta}`, {
    queryClient: createQueryClient({ random: () => 0 }),
  });
  expect(await screen.findByText(BUDGET_TEXT)).toHaveTextContent(
    'Confluent API budget: 0 of 10,000 left, resets in 1 s',
  );
  await screen.findByText('1–10 of 263');
  await waitFor(() => expect(budgetStatus()).toBeEmptyDOMElement());
});
