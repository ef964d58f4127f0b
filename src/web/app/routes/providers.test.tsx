import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { injectFault, resetEmulator } from '@/testing/emulator.ts';
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
