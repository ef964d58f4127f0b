import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { DISCOVERY_API, type DiscoveryResult } from '#contract/discovery.ts';
import { apiCall, demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

type Provider = {
  id: string;
  display_name: string;
  description: string;
  issuer: string;
  jwks_uri: string;
  identity_claim: string;
  keys: { kid: string }[];
};

async function fillNames(user: ReturnType<typeof renderApp>['user']) {
  await user.type(await screen.findByLabelText('Display name'), 'Corp SSO');
  await user.type(screen.getByLabelText('Description'), 'The workforce IdP.');
}

test('a provider created with a typed JWKS URL lands on its page, with the keys Confluent fetched', async () => {
  const { user, router } = renderApp('/providers/new');
  await fillNames(user);
  await user.type(
    screen.getByLabelText('Issuer'),
    'https://login.corp.example/realms/main',
  );
  await user.type(
    screen.getByLabelText('JWKS URL'),
    'https://login.corp.example/realms/main/protocol/openid-connect/certs',
  );
  expect(screen.getByLabelText('Identity claim')).toHaveValue('claims.sub');
  await user.click(screen.getByRole('button', { name: 'Create provider' }));

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Corp SSO' }),
  ).toBeInTheDocument();
  expect(await screen.findByText('Registered Corp SSO')).toBeInTheDocument();
  const providerId = router.state.location.pathname.split('/')[2]!;
  expect(router.state.location.pathname).toBe(
    `/providers/${providerId}/details`,
  );
  const stored = await apiCall<Provider>(
    'GET',
    `/iam/v2/identity-providers/${providerId}`,
  );
  expect(stored).toMatchObject({
    display_name: 'Corp SSO',
    description: 'The workforce IdP.',
    issuer: 'https://login.corp.example/realms/main',
    jwks_uri:
      'https://login.corp.example/realms/main/protocol/openid-connect/certs',
    identity_claim: 'claims.sub',
  });
  const keys = screen.getByRole('table', { name: 'Signing keys of Corp SSO' });
  for (const key of stored.keys) {
    expect(within(keys).getByText(key.kid)).toBeInTheDocument();
  }
});

test('Find JWKS URL fills the field from the discovery document the server read', async () => {
  const issuer = 'https://login.corp.example/realms/main';
  const found: DiscoveryResult = {
    issuer,
    jwks_uri: `${issuer}/protocol/openid-connect/certs`,
    discovery_url: `${issuer}/.well-known/openid-configuration`,
  };
  // The test server cannot reach a public https issuer: this one answer
  // stands in for it (the server's own paths are in src/server/discovery.test.ts).
  const fetches = spyOnFetch(async (request, forward) =>
    request.url.pathname === DISCOVERY_API
      ? new Response(JSON.stringify(found), {
          headers: { 'content-type': 'application/json' },
        })
      : forward(),
  );
  const { user } = renderApp('/providers/new');
  await fillNames(user);
  await user.type(screen.getByLabelText('Issuer'), issuer);
  await user.click(screen.getByRole('button', { name: 'Find JWKS URL' }));

  await waitFor(() =>
    expect(screen.getByLabelText('JWKS URL')).toHaveValue(found.jwks_uri),
  );
  expect(
    screen.getByText(`JWKS URL found in ${found.discovery_url}.`),
  ).toBeInTheDocument();
  const asked = fetches.sent.find(
    (request) => request.url.pathname === DISCOVERY_API,
  );
  expect(asked?.url.searchParams.get('issuer')).toBe(issuer);

  // Changing the issuer takes the note away: it spoke of the old one.
  await user.type(screen.getByLabelText('Issuer'), '2');
  expect(screen.queryByText(/JWKS URL found in/)).not.toBeInTheDocument();
});

test.each([
  ['https://127.0.0.1:8443', '127.0.0.1 is a loopback address'],
  ['https://10.1.2.3/realms/main', '10.1.2.3 is a private address'],
  ['https://169.254.169.254', '169.254.169.254 is a link-local address'],
])(
  'the server refuses to read %s, and the reason shows at the Issuer',
  async (issuer, reason) => {
    const { user } = renderApp('/providers/new');
    const field = await screen.findByLabelText('Issuer');
    await user.type(field, issuer);
    await user.click(screen.getByRole('button', { name: 'Find JWKS URL' }));

    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining(`${reason}. Lifeguard reads discovery documents`),
    );
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('DISCOVERY_ALLOW_PRIVATE=1'),
    );
    expect(field).toHaveFocus();
    expect(screen.getByLabelText('JWKS URL')).toHaveValue('');
  },
);

test('an issuer that is not https is refused before anything is sent', async () => {
  const fetches = spyOnFetch();
  const { user } = renderApp('/providers/new');
  const field = await screen.findByLabelText('Issuer');
  await user.type(field, 'http://login.corp.example');
  await user.click(screen.getByRole('button', { name: 'Find JWKS URL' }));
  expect(field).toHaveAccessibleDescription(
    expect.stringContaining('Issuer must be a full https:// URL'),
  );
  expect(fetches.count('GET', new RegExp(DISCOVERY_API))).toBe(0);
});

test('missing fields are explained before anything is sent', async () => {
  const fetches = spyOnFetch();
  const { user } = renderApp('/providers/new');
  await user.click(
    await screen.findByRole('button', { name: 'Create provider' }),
  );
  expect(screen.getByLabelText('Display name')).toHaveAccessibleDescription(
    'Display name is required',
  );
  expect(screen.getByLabelText('Issuer')).toHaveAccessibleDescription(
    expect.stringContaining('Issuer is required'),
  );
  expect(screen.getByLabelText('JWKS URL')).toHaveAccessibleDescription(
    expect.stringContaining('JWKS URL is required'),
  );
  expect(fetches.count('POST', /identity-providers/)).toBe(0);
});

test('a JWKS URL Confluent cannot fetch is explained at the JWKS URL field', async () => {
  const { user } = renderApp('/providers/new');
  await fillNames(user);
  await user.type(screen.getByLabelText('Issuer'), 'https://idp.corp.example');
  const jwks = screen.getByLabelText('JWKS URL');
  // The emulator treats hosts under .invalid as unreachable.
  await user.type(jwks, 'https://keys.corp.invalid/jwks');
  await user.click(screen.getByRole('button', { name: 'Create provider' }));

  await waitFor(() => expect(jwks).toHaveAttribute('aria-invalid', 'true'));
  expect(jwks).toHaveAccessibleDescription(
    expect.stringContaining('Unable to verify Jwks URI'),
  );
  expect(screen.getByLabelText('Display name')).toHaveValue('Corp SSO');
});

test('a second provider for a registered issuer is refused, with a link to the existing one', async () => {
  const okta = await demoProviderId('okta.com');
  const existing = await apiCall<Provider>(
    'GET',
    `/iam/v2/identity-providers/${okta}`,
  );
  const { user } = renderApp('/providers/new');
  await fillNames(user);
  await user.type(screen.getByLabelText('Issuer'), existing.issuer);
  await user.type(screen.getByLabelText('JWKS URL'), existing.jwks_uri);
  await user.click(screen.getByRole('button', { name: 'Create provider' }));

  const alert = await screen.findByRole('alert');
  expect(alert).toHaveTextContent(
    'An identity provider with the same issuer already exists',
  );
  expect(within(alert).getByRole('link')).toHaveAttribute(
    'href',
    `/providers/${okta}`,
  );
});

test('admins get a New provider button on the providers page', async () => {
  const { user, router } = renderApp('/');
  await user.click(await screen.findByRole('link', { name: 'New provider' }));
  expect(router.state.location.pathname).toBe('/providers/new');
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'New identity provider',
    }),
  ).toBeInTheDocument();
  expect(
    screen.getByRole('navigation', { name: 'Breadcrumb' }),
  ).toHaveTextContent('Identity providers›New provider');
  expect(document.title).toBe('New identity provider · Lifeguard');
});

test('viewers see New provider disabled with the reason', async () => {
  renderApp('/', { session: VIEWER_SESSION });
  const button = await screen.findByRole('button', { name: 'New provider' });
  expect(button).toBeDisabled();
  expect(button).toHaveAccessibleDescription(VIEWER_WRITE_REASON);
});

test('a viewer who opens the form by URL is told why they cannot use it', async () => {
  renderApp('/providers/new', { session: VIEWER_SESSION });
  expect(
    await screen.findByText('You cannot register identity providers'),
  ).toBeInTheDocument();
  expect(screen.getByText(VIEWER_WRITE_REASON)).toBeInTheDocument();
  expect(screen.queryByLabelText('Issuer')).not.toBeInTheDocument();
});
