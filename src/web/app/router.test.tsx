import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import * as federationRoutes from '@/config/federation-routes.ts';
import { paths } from '@/config/paths.ts';
import { apiCall, demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { renderApp } from '@/testing/render.tsx';

beforeEach(() => resetEmulator('demo'));

async function someScreens() {
  const okta = await demoProviderId('okta.com');
  const list = await apiCall<{ data: { id: string }[] }>(
    'GET',
    `/iam/v2/identity-providers/${okta}/identity-pools?page_size=1`,
  );
  const pool = list.data[0]!.id;
  // Every screen paths.ts knows, at a real provider and pool, and an address
  // that is no screen at all.
  const urls = Object.values(paths).map(({ path }) =>
    path.replace(':providerId', okta).replace(':poolId', pool),
  );
  return [...urls, ...(await federationScreens()), '/no-such-screen'];
}

/** Every screen of the federation sections, nested routes included. */
async function federationScreens() {
  const mappings = await apiCall<{ data: { id: string }[] }>(
    'GET',
    '/iam/v2/sso/group-mappings?page_size=1',
  );
  const authorities = await apiCall<{ data: { id: string }[] }>(
    'GET',
    '/iam/v2/certificate-authorities?page_size=1',
  );
  const authority = authorities.data[0]!.id;
  const pools = await apiCall<{ data: { id: string }[] }>(
    'GET',
    `/iam/v2/certificate-authorities/${authority}/identity-pools?page_size=1`,
  );
  const urls = Object.values(federationRoutes).map((pattern) =>
    pattern
      .replace(':groupMappingId', mappings.data[0]!.id)
      .replace(':caId', authority)
      .replace(':poolId', pools.data[0]!.id),
  );
  // Addresses inside a section that are no screen of it.
  return [
    ...urls,
    '/group-mappings/group-x/edit/more',
    '/certificate-authorities/op-x/pools',
  ];
}

function isFederationScreen(url: string) {
  return (
    url.startsWith(federationRoutes.GROUP_MAPPINGS) ||
    url.startsWith(federationRoutes.CERTIFICATE_AUTHORITIES)
  );
}

test('every screen has breadcrumbs ending at the page itself', async () => {
  for (const url of await someScreens()) {
    const { unmount } = renderApp(url);
    const crumbs = await screen.findByRole('navigation', {
      name: 'Breadcrumb',
    });
    const current = within(crumbs).getAllByRole('listitem').at(-1)!;
    expect(
      current.querySelector('[aria-current="page"]'),
      `${url}: the last crumb is the page`,
    ).not.toBeNull();
    if (url !== paths.home.path && !isFederationScreen(url)) {
      expect(
        within(crumbs).getByRole('link', { name: 'Identity providers' }),
        `${url}: the first crumb leads home`,
      ).toHaveAttribute('href', paths.home.getHref());
    }
    unmount();
  }
});
