import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, expect, test, vi } from 'vitest';
import { ApiError } from '@/lib/errors.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import {
  apiCall,
  demoProviderId,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { filterField } from '@/testing/filter-field.ts';
import { renderApp } from '@/testing/render.tsx';
import { ApiErrorView } from './api-error-view.tsx';

beforeEach(() => resetEmulator('demo'));

type Pool = { id: string; display_name: string; description: string };

// Longer than any automatic retry would wait after a 500 (0.5–1 s), so a
// second request would have been sent by then.
const LONGER_THAN_A_RETRY_MS = 1_500;

function pause(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

test('a PATCH answered 429 is sent once; the error counts down to when to retry and names the request', async () => {
  const okta = await demoProviderId('okta.com');
  const list = await apiCall<{ data: Pool[] }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=1`,
  );
  const pool = list.data[0]!;
  await injectFault({
    match: { method: 'PATCH' },
    respond: { status: 429, retryAfter: 30 },
    times: 1,
  });
  const requests = spyOnFetch();
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`, {
    queryClient: createQueryClient({ random: () => 0 }),
  });
  const description = await screen.findByLabelText('Description');
  await user.clear(description);
  await user.type(description, 'Typed before the 429.');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent(
    'The Confluent API is rate-limiting requests',
  );
  expect(alert).toHaveTextContent(/You can try again in 30 s/);
  expect(alert).toHaveTextContent(/Request id: \S+/);
  // Retrying now would only earn another 429, so Retry waits too.
  const retry = within(alert).getByRole('button', { name: 'Retry' });
  expect(retry).toBeDisabled();
  expect(retry).toHaveAccessibleDescription(/You can try again in/);
  expect(
    await within(alert).findByText('29 s', {}, { timeout: 2_000 }),
  ).toBeInTheDocument();
  // The header shows the budget the 429 reported.
  expect(
    screen.getByText(/Confluent API budget: 0 of 10,000 left, resets in/),
  ).toBeInTheDocument();

  await pause(LONGER_THAN_A_RETRY_MS);
  expect(requests.count('PATCH', /\/identity-pools\//)).toBe(1);
  expect(description).toHaveValue('Typed before the 429.');
  const stored = await apiCall<Pool>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
  );
  expect(stored.description).toBe(pool.description);
});

test('a POST answered 500 is sent once, and the error names the request', async () => {
  const staging = await demoProviderId('sso.staging');
  await injectFault({
    match: { method: 'POST' },
    respond: { status: 500 },
    times: 1,
  });
  const requests = spyOnFetch();
  const { user } = renderApp(`/providers/${staging}/pools/new`, {
    queryClient: createQueryClient({ random: () => 0 }),
  });
  await user.type(await screen.findByLabelText('Display name'), 'payments');
  await (await filterField()).type('claims.aud == "kafka"');
  await user.click(screen.getByRole('button', { name: 'Create pool' }));

  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent(
    'The Confluent API failed to handle the request.',
  );
  expect(alert).toHaveTextContent(/Request id: \S+/);
  await pause(LONGER_THAN_A_RETRY_MS);
  expect(requests.count('POST', /\/identity-pools$/)).toBe(1);
  expect(screen.getByLabelText('Display name')).toHaveValue('payments');
  const pools = await apiCall<{ data: Pool[] }>(
    'GET',
    `/iam/v2/identity-providers/${staging}/identity-pools`,
  );
  expect(pools.data).toEqual([]);
});

test('Lifeguard’s own per-user limit says so, and Retry comes back when the wait is over', async () => {
  const onRetry = vi.fn();
  const error = new ApiError({
    status: 429,
    retryAfterSeconds: 1,
    requestId: 'req-own-limit',
    body: {
      errors: [{ code: 'lifeguard_rate_limited', detail: 'Too many.' }],
    },
  });
  render(<ApiErrorView error={error} onRetry={onRetry} />);
  const alert = screen.getByRole('alert');
  expect(alert).toHaveTextContent('Lifeguard is pacing your requests');
  expect(alert).not.toHaveTextContent('Confluent API is rate-limiting');
  expect(alert).toHaveTextContent(/You can try again in 1 s/);
  expect(alert).toHaveTextContent('Request id: req-own-limit');
  const retry = within(alert).getByRole('button', { name: 'Retry' });
  expect(retry).toBeDisabled();

  expect(
    await within(alert).findByText('You can try again now.'),
  ).toBeInTheDocument();
  expect(retry).toBeEnabled();
  expect(retry).not.toHaveAccessibleDescription();
  await userEvent.click(retry);
  expect(onRetry).toHaveBeenCalledOnce();
});
