import { screen, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { beforeEach, expect, test } from 'vitest';
import {
  AUTH_API,
  type SessionInfo,
  type SessionUser,
} from '#contract/auth.ts';
import { sessionQueries } from '@/features/session/api/queries.ts';
import {
  apiCall,
  demoProviderId,
  injectFault,
  resetEmulator,
} from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(async () => {
  sessionStorage.clear();
  await resetEmulator('demo');
});

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

const USERS: Record<string, SessionUser> = {
  ada: { id: 'ada', name: 'Ada Admin', role: 'admin' },
  bob: { id: 'bob', name: 'Bob Admin', role: 'admin' },
};

/**
 * A Lifeguard with passwords in front of the (sign-in-less) test server: it
 * answers the session, sign-in (any password) and sign-out itself, and
 * passes every other call on.
 */
function passwordServer(signedIn: SessionUser) {
  let user: SessionUser | null = signedIn;
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/json' },
    });
  spyOnFetch(async (request, forward) => {
    switch (request.url.pathname) {
      case AUTH_API.session:
        return json({ mode: 'password', user });
      case AUTH_API.login: {
        const { username } = JSON.parse(request.body ?? '{}') as {
          username: string;
        };
        user = USERS[username] ?? null;
        return json({ mode: 'password', user });
      }
      case AUTH_API.logout:
        user = null;
        return new Response(null, { status: 204 });
      default:
        return forward();
    }
  });
  return {
    /** The session ends on the server, e.g. after its idle timeout. */
    endSession: () => {
      user = null;
    },
  };
}

/** The keys of the drafts in the tab's storage. */
function storedDrafts() {
  return Object.keys(sessionStorage).filter((key) =>
    key.startsWith('lifeguard.draft.'),
  );
}

/** Signs in with the form in `container` (the sign-in screen or dialog). */
async function signIn(
  user: UserEvent,
  container: HTMLElement,
  username: string,
) {
  const form = within(container);
  await user.type(form.getByLabelText('Username'), username);
  await user.type(form.getByLabelText('Password'), 'secret{Enter}');
  expect(
    await within(screen.getByRole('banner')).findByText(USERS[username]!.name),
  ).toBeInTheDocument();
}

test('Sign out leaves no draft in the tab, not even one typed a moment before', async () => {
  passwordServer(USERS.ada!);
  const { okta, pool } = await secondOktaPool();
  const { user } = renderApp(`/providers/${okta}/pools/${pool.id}/edit`, {
    session: { mode: 'password', user: USERS.ada! },
  });
  await user.type(await screen.findByLabelText('Display name'), ' (renamed)');
  await waitFor(() => expect(storedDrafts()).toHaveLength(1));
  // No pause before signing out: this draft is written as the form closes.
  await user.type(screen.getByLabelText('Description'), ' more');
  await user.click(
    within(screen.getByRole('banner')).getByRole('button', {
      name: 'Sign out',
    }),
  );

  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Sign in to Lifeguard',
    }),
  ).toBeInTheDocument();
  expect(storedDrafts()).toEqual([]);

  // Signing out was for good: even the same person gets nothing back.
  await signIn(user, document.body, 'ada');
  expect(await screen.findByLabelText('Display name')).toHaveValue(
    pool.display_name,
  );
  expect(screen.queryByRole('status', { name: /unsaved changes/ })).toBeNull();
});

test('someone else signing in after a session ended gets the form afresh, and nothing of the last user’s typing', async () => {
  const server = passwordServer(USERS.ada!);
  const { okta, pool } = await secondOktaPool();
  const { user, queryClient } = renderApp(
    `/providers/${okta}/pools/${pool.id}/edit`,
    { session: { mode: 'password', user: USERS.ada! } },
  );
  await user.type(await screen.findByLabelText('Display name'), ' (renamed)');
  await waitFor(() => expect(storedDrafts()).toHaveLength(1));

  server.endSession();
  // As when the tab is looked at again.
  await queryClient.invalidateQueries(sessionQueries.current());
  const dialog = await screen.findByRole('alertdialog', {
    name: 'Your session has ended',
  });
  await signIn(user, dialog, 'bob');

  expect(dialog).not.toBeInTheDocument();
  expect(await screen.findByLabelText('Display name')).toHaveValue(
    pool.display_name,
  );
  expect(screen.queryByRole('status', { name: /unsaved changes/ })).toBeNull();
  expect(storedDrafts()).toEqual([]);
});

test('the same user signing in after a session ended keeps what they typed, and is offered it after a reload', async () => {
  const server = passwordServer(USERS.ada!);
  const { okta, pool } = await secondOktaPool();
  const editPath = `/providers/${okta}/pools/${pool.id}/edit`;
  const first = renderApp(editPath, {
    session: { mode: 'password', user: USERS.ada! },
  });
  const name = await screen.findByLabelText('Display name');
  await first.user.type(name, ' (renamed)');
  await waitFor(() => expect(storedDrafts()).toHaveLength(1));

  server.endSession();
  await first.queryClient.invalidateQueries(sessionQueries.current());
  const dialog = await screen.findByRole('alertdialog', {
    name: 'Your session has ended',
  });
  await signIn(first.user, dialog, 'ada');
  expect(dialog).not.toBeInTheDocument();
  expect(name).toBeInTheDocument();
  expect(name).toHaveValue(`${pool.display_name} (renamed)`);

  // The reload: a new app, the same tab storage.
  first.unmount();
  const { user } = renderApp(editPath);
  const notice = await screen.findByRole('status', {
    name: 'You have unsaved changes from just now',
  });
  await user.click(within(notice).getByRole('button', { name: 'Restore' }));
  expect(screen.getByLabelText('Display name')).toHaveValue(
    `${pool.display_name} (renamed)`,
  );
});

test('a tab reloaded after its session ended keeps none of the last user’s drafts once someone else signs in', async () => {
  const server = passwordServer(USERS.ada!);
  const { okta, pool } = await secondOktaPool();
  const first = renderApp(`/providers/${okta}/pools/${pool.id}/edit`, {
    session: { mode: 'password', user: USERS.ada! },
  });
  await first.user.type(
    await screen.findByLabelText('Display name'),
    ' (renamed)',
  );
  await waitFor(() => expect(storedDrafts()).toHaveLength(1));
  first.unmount();

  // Nothing remembers who was signed in before the reload but the drafts.
  server.endSession();
  const { user } = renderApp('/');
  await screen.findByRole('heading', {
    level: 1,
    name: 'Sign in to Lifeguard',
  });
  expect(storedDrafts()).toHaveLength(1);
  await signIn(user, document.body, 'bob');
  expect(storedDrafts()).toEqual([]);
});
