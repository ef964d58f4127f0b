import { screen, waitFor, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp } from '@/testing/render.tsx';

const NOTICE = 'Demo data: the local emulator';

test('on the demo emulator, the header says the data is not an organisation’s', async () => {
  // The test server's upstream is an emulator, as `npm start` without
  // credentials runs.
  renderApp('/');
  const header = screen.getByRole('banner');
  expect(await within(header).findByText(NOTICE)).toBeVisible();
});

test('on Confluent, the header says nothing of the kind', async () => {
  let answered = false;
  spyOnFetch(async (request, forward) => {
    if (request.url.pathname !== '/healthz') return forward();
    answered = true;
    return Response.json({ status: 'ok', upstream: 'confluent-cloud' });
  });
  renderApp('/');
  await screen.findByRole('link', { name: 'Acme Okta' });
  await waitFor(() => expect(answered).toBe(true));
  // The answer has been read once the page settles on it.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  expect(screen.queryByText(NOTICE)).not.toBeInTheDocument();
});
