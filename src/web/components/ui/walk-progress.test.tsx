import { act, render, screen } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { ApiError } from '@/lib/errors.ts';
import { WalkProgressView } from './walk-progress.tsx';

afterEach(() => {
  vi.useRealTimers();
});

const T0 = Date.UTC(2025, 0, 1);

test('the count and a labelled progress bar', () => {
  render(
    <WalkProgressView
      progress={{ fetched: 100, total: 263 }}
      noun="pools"
      hasBar
    />,
  );
  expect(screen.getByText('Fetched 100 of 263 pools…')).toBeInTheDocument();
  const bar = screen.getByRole('progressbar', { name: 'Pools fetched' });
  expect(bar).toHaveAttribute('value', '100');
  expect(bar).toHaveAttribute('max', '263');
  expect(screen.queryByRole('alert')).not.toBeInTheDocument();
});

test('without a total the count says so, and the bar is indeterminate', () => {
  render(
    <WalkProgressView
      progress={{ fetched: 3, total: undefined }}
      noun="pools"
      hasBar
    />,
  );
  expect(screen.getByText('Fetched 3 pools…')).toBeInTheDocument();
  expect(
    screen.getByRole('progressbar', { name: 'Pools fetched' }),
  ).not.toHaveAttribute('value');
});

test('a count line of its own, and no bar unless asked for', () => {
  render(
    <WalkProgressView progress={{ fetched: 0, total: undefined }}>
      Acme Okta: 0 pools so far
    </WalkProgressView>,
  );
  expect(screen.getByText('Acme Okta: 0 pools so far')).toBeInTheDocument();
  expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
});

test('a wait for the budget counts down for the eye, and tells screen readers its length once', () => {
  vi.useFakeTimers({ now: T0 });
  render(
    <WalkProgressView
      progress={{
        fetched: 100,
        total: 263,
        waiting: { reason: 'budget', until: T0 + 5_000 },
      }}
      noun="pools"
    />,
  );
  const wait = screen.getByText(/^Waiting for the API budget…/);
  expect(wait).toHaveTextContent('Waiting for the API budget… 5 s');
  expect(wait).toHaveTextContent('about 5 seconds');
  act(() => vi.advanceTimersByTime(2_000));
  expect(wait).toHaveTextContent('Waiting for the API budget… 3 s');
  expect(wait).toHaveTextContent('about 5 seconds');
  act(() => vi.advanceTimersByTime(4_000));
  expect(wait).toHaveTextContent('Waiting for the API budget… 0 s');
});

test('the budget’s message can be worded for the screen', () => {
  vi.useFakeTimers({ now: T0 });
  render(
    <WalkProgressView
      progress={{
        fetched: 0,
        total: undefined,
        waiting: { reason: 'budget', until: T0 + 1_000 },
      }}
      budgetMessage="Waiting for the API budget to reset…"
    />,
  );
  expect(document.body).toHaveTextContent(
    'Waiting for the API budget to reset… 1 s',
  );
});

test('a wait to retry a refused page says why, with its countdown', () => {
  vi.useFakeTimers({ now: T0 });
  const refused = new ApiError({ status: 429, retryAfterSeconds: 3 });
  render(
    <WalkProgressView
      progress={{
        fetched: 0,
        total: undefined,
        waiting: { reason: 'retry', until: T0 + 3_000, error: refused },
      }}
      noun="pools"
    />,
  );
  expect(screen.getByRole('alert')).toHaveTextContent(
    /Confluent is rate-limiting Lifeguard; retrying in 3 s/,
  );
  expect(screen.queryByText(/Waiting for the API budget/)).toBeNull();
});
