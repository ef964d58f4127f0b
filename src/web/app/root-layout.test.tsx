import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import type { SessionInfo } from '#contract/auth.ts';
import { sessionQueries } from '@/features/session/api/queries.ts';
import {
  apiCall,
  demoProviderId,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

const ADA: SessionInfo = {
  mode: 'password',
  user: { id: 'ada', name: 'Ada Admin', role: 'admin' },
};

async function secondOktaPool() {
  const okta = await demoProviderId('okta.com');
  const list = await apiCall<{ data: { id: string; display_name: string }[] }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=2`,
  );
  return { okta, pool: list.data[1]! };
}

test('without sign-in (the test server) the header says so and links the audit log', async () => {
  renderApp('/');
  expect(
    await screen.findByText('No sign-in (loopback only)'),
  ).toBeInTheDocument();
  const sections = screen.getByRole('navigation', { name: 'Sections' });
  expect(
    within(sections).getByRole('link', { name: 'Audit log' }),
  ).toHaveAttribute('href', '/audit');
  expect(
    screen.queryByRole('button', { name: 'Sign out' }),
  ).not.toBeInTheDocument();
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Identity providers',
    }),
  ).toBeInTheDocument();
});

test('a signed-in admin is named with their role; Sign out asks the server, then the session again', async () => {
  const { user } = renderApp('/', { session: ADA });
  const banner = screen.getByRole('banner');
  expect(banner).toHaveTextContent('Signed in as Ada Admin, role admin');
  await user.click(within(banner).getByRole('button', { name: 'Sign out' }));
  // The test server has no sign-in, so the session it answers afterwards is
  // the local user's: proof that the session was fetched again.
  expect(
    await screen.findByText('No sign-in (loopback only)'),
  ).toBeInTheDocument();
  expect(
    screen.queryByRole('button', { name: 'Sign out' }),
  ).not.toBeInTheDocument();
});

test('signed out with passwords: the sign-in screen instead of the console, and a refusal keeps the username', async () => {
  const { user } = renderApp('/', {
    session: { mode: 'password', user: null },
  });
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Sign in to Lifeguard',
    }),
  ).toBeInTheDocument();
  expect(
    screen.queryByRole('heading', { name: 'Identity providers' }),
  ).not.toBeInTheDocument();
  expect(
    screen.queryByRole('link', { name: 'Audit log' }),
  ).not.toBeInTheDocument();
  expect(document.title).toBe('Sign in · Lifeguard');

  const username = screen.getByLabelText('Username');
  const password = screen.getByLabelText('Password');
  expect(username).toHaveFocus();
  expect(password).toHaveAttribute('type', 'password');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  expect(username).toHaveAccessibleDescription('username is required');
  expect(username).toHaveAttribute('aria-invalid', 'true');

  await user.type(username, 'ada');
  await user.type(password, 'not-the-password{Enter}');
  // The test server (AUTH_MODE=none) refuses every sign-in with 409; the
  // alert shows whatever the server said.
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'Could not sign in',
  );
  expect(screen.getByRole('alert')).toHaveTextContent(
    'This Lifeguard has no sign-in',
  );
  expect(username).toHaveValue('ada');
  expect(password).toHaveValue('');
  expect(password).toHaveFocus();
});

test('signed out with OIDC: one link to the organisation’s sign-in, returning to this address', async () => {
  renderApp('/providers/op-1/pools/pool-2?tab=history', {
    session: { mode: 'oidc', user: null, signInUrl: '/auth/oidc/login' },
  });
  expect(
    await screen.findByRole('link', {
      name: 'Sign in with your organisation',
    }),
  ).toHaveAttribute(
    'href',
    '/auth/oidc/login?returnTo=%2Fproviders%2Fop-1%2Fpools%2Fpool-2%3Ftab%3Dhistory',
  );
  expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
});

test('a session that ends mid-edit opens the sign-in over the form, which keeps what was typed', async () => {
  const { okta, pool } = await secondOktaPool();
  const { user, queryClient } = renderApp(
    `/providers/${okta}/pools/${pool.id}/edit`,
    { session: ADA },
  );
  const name = await screen.findByLabelText('Display name');
  await user.type(name, ' (renamed)');

  // What the server answers once the session has ended.
  queryClient.setQueryData(sessionQueries.current().queryKey, {
    mode: 'password',
    user: null,
  });
  const dialog = await screen.findByRole('alertdialog', {
    name: 'Your session has ended',
  });
  expect(name).toBeInTheDocument();
  expect(name).toHaveValue(`${pool.display_name} (renamed)`);
  expect(
    screen.queryByRole('heading', { name: 'Sign in to Lifeguard' }),
  ).not.toBeInTheDocument();

  await user.type(within(dialog).getByLabelText('Username'), 'ada');
  await user.type(within(dialog).getByLabelText('Password'), 'secret{Enter}');
  expect(await within(dialog).findByRole('alert')).toHaveTextContent(
    'This Lifeguard has no sign-in',
  );
  expect(within(dialog).getByLabelText('Username')).toHaveValue('ada');
  expect(name).toHaveValue(`${pool.display_name} (renamed)`);
});

test('a 401 from any call asks the server for the session again', async () => {
  const okta = await demoProviderId('okta.com');
  await injectFault({
    match: { method: 'GET', path: 'identity-pools$' },
    respond: { status: 401 },
    times: 1,
  });
  renderApp(`/providers/${okta}`, { session: ADA });
  expect(screen.getByRole('banner')).toHaveTextContent('Ada Admin');
  // Only a fresh answer from the (sign-in-less) test server says this.
  expect(
    await screen.findByText('No sign-in (loopback only)'),
  ).toBeInTheDocument();
});
