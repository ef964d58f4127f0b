import { screen, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
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
  return [...urls, '/no-such-screen'];
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
    if (url !== paths.home.path) {
      expect(
        within(crumbs).getByRole('link', { name: 'Identity providers' }),
        `${url}: the first crumb leads home`,
      ).toHaveAttribute('href', paths.home.getHref());
    }
    unmount();
  }
});
