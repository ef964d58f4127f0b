import { screen, waitFor } from '@testing-library/react';
import { beforeEach, expect, onTestFinished, test, vi } from 'vitest';
import { VIEWER_WRITE_REASON } from '#contract/auth.ts';
import { apiCall, demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

type Provider = {
  id: string;
  display_name: string;
  description?: string;
  issuer: string;
  jwks_uri: string;
  identity_claim: string;
};

/** The JSON bodies of the PATCHes the page sends, in order. */
function recordPatches() {
  const bodies: unknown[] = [];
  const original = globalThis.fetch;
  const spy = vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation(async (input, init) => {
      if (input instanceof Request && input.method === 'PATCH') {
        bodies.push(await input.clone().json());
      }
      return original(input, init);
    });
  onTestFinished(() => spy.mockRestore());
  return bodies;
}

async function openEdit() {
  const id = await demoProviderId('sso.staging');
  const provider = await apiCall<Provider>(
    'GET',
    `/iam/v2/identity-providers/${id}`,
  );
  const view = renderApp(`/providers/${id}/edit`);
  const name = await screen.findByLabelText('Display name');
  return { ...view, id, provider, name };
}

test('the form opens on the provider’s values, with nothing to save yet', async () => {
  const { provider, name } = await openEdit();
  expect(name).toHaveValue(provider.display_name);
  expect(screen.getByLabelText('Issuer')).toHaveValue(provider.issuer);
  expect(screen.getByLabelText('JWKS URL')).toHaveValue(provider.jwks_uri);
  expect(screen.getByLabelText('Identity claim')).toHaveValue(
    provider.identity_claim,
  );
  const save = screen.getByRole('button', { name: 'Save changes' });
  expect(save).toBeDisabled();
  expect(save).toHaveAccessibleDescription('No changes to save');
  expect(
    screen.getByRole('navigation', { name: 'Breadcrumb' }),
  ).toHaveTextContent(
    `Identity providers›${provider.display_name}›Details›Edit`,
  );
});

test('saving sends only the changed fields and returns to the provider page', async () => {
  const patches = recordPatches();
  const { user, router, id, provider, name } = await openEdit();
  await user.clear(name);
  await user.type(name, 'Keycloak (staging, renamed)');
  const jwks = screen.getByLabelText('JWKS URL');
  await user.clear(jwks);
  await user.type(jwks, `${provider.issuer}/protocol/openid-connect/certs2`);
  await user.click(screen.getByRole('button', { name: 'Save changes' }));

  expect(
    await screen.findByText('Saved Keycloak (staging, renamed)'),
  ).toBeInTheDocument();
  await waitFor(() =>
    expect(router.state.location.pathname).toBe(`/providers/${id}/details`),
  );
  expect(patches).toEqual([
    {
      display_name: 'Keycloak (staging, renamed)',
      jwks_uri: `${provider.issuer}/protocol/openid-connect/certs2`,
    },
  ]);
  const stored = await apiCall<Provider>(
    'GET',
    `/iam/v2/identity-providers/${id}`,
  );
  expect(stored).toMatchObject({
    display_name: 'Keycloak (staging, renamed)',
    issuer: provider.issuer,
    jwks_uri: `${provider.issuer}/protocol/openid-connect/certs2`,
  });
  expect(
    await screen.findByRole('heading', {
      level: 1,
      name: 'Keycloak (staging, renamed)',
    }),
  ).toBeInTheDocument();
});

test('an identity claim that is not claims.<name> is refused before sending', async () => {
  const patches = recordPatches();
  const { user } = await openEdit();
  const claim = screen.getByLabelText('Identity claim');
  await user.clear(claim);
  await user.type(claim, 'sub');
  await user.click(screen.getByRole('button', { name: 'Save changes' }));
  expect(claim).toHaveAccessibleDescription(
    expect.stringContaining('Write the claim as claims.<name>'),
  );
  expect(patches).toEqual([]);
});

test('Find JWKS URL works on an edited issuer too, and its refusal shows at the Issuer', async () => {
  const { user } = await openEdit();
  const issuer = screen.getByLabelText('Issuer');
  await user.clear(issuer);
  await user.type(issuer, 'https://localhost/realms/platform');
  await user.click(screen.getByRole('button', { name: 'Find JWKS URL' }));
  await waitFor(() => expect(issuer).toHaveAttribute('aria-invalid', 'true'));
  expect(issuer).toHaveAccessibleDescription(
    expect.stringMatching(/localhost resolves to \S+, a loopback address/),
  );
});

test('a viewer who opens the form by URL is told why they cannot use it', async () => {
  const id = await demoProviderId('sso.staging');
  renderApp(`/providers/${id}/edit`, { session: VIEWER_SESSION });
  expect(
    await screen.findByText('You cannot edit identity providers'),
  ).toBeInTheDocument();
  expect(screen.getByText(VIEWER_WRITE_REASON)).toBeInTheDocument();
  expect(screen.queryByLabelText('Issuer')).not.toBeInTheDocument();
});
