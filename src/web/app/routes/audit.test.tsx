import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, expect, test } from 'vitest';
import { demoProviderId, resetEmulator } from '@/testing/emulator.ts';
import { renderApp, VIEWER_SESSION } from '@/testing/render.tsx';
import { createTestPool, updateTestPool } from '@/testing/writes.ts';

beforeEach(() => resetEmulator('demo'));

function logTable() {
  return screen.getByRole('table', { name: 'Audit log entries, newest first' });
}

/** The log's own rows, not those of the changes tables inside them. */
function rows() {
  return [...logTable().querySelectorAll<HTMLElement>(':scope > tbody > tr')];
}

function utcDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

test('the audit log lists the writes the URL’s filters match, linking each target', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  await updateTestPool(okta, pool.id, { description: 'Second revision.' });

  const { user } = renderApp(`/audit?provider_id=${okta}&pool_id=${pool.id}`);
  expect(
    await screen.findByRole('heading', { level: 1, name: 'Audit log' }),
  ).toBeInTheDocument();
  expect(document.title).toBe('Audit log · Lifeguard');
  expect(await screen.findByText('2 entries shown')).toBeInTheDocument();
  const [update, create] = rows();
  expect(update).toHaveTextContent('Updated pool');
  expect(update).toHaveTextContent('Local user (admin)');
  expect(update).toHaveTextContent('Applied · HTTP 200');
  expect(create).toHaveTextContent('Created pool');
  // Each target by name and id: pool names can repeat within a provider.
  expect(
    await within(update!).findByRole('link', {
      name: `${pool.display_name} ${pool.id}`,
    }),
  ).toHaveAttribute('href', `/providers/${okta}/pools/${pool.id}?tab=history`);
  expect(
    await within(update!).findByRole('link', { name: `Acme Okta ${okta}` }),
  ).toHaveAttribute('href', `/providers/${okta}`);

  // The changes open on demand, before and after side by side.
  await user.click(within(update!).getByText('1 field: description'));
  const changes = within(update!).getByRole('table', {
    name: 'Changed fields',
  });
  expect(changes).toHaveTextContent('Made by a component test.');
  expect(changes).toHaveTextContent('Second revision.');

  // The filters in the form match the URL's.
  expect(screen.getByLabelText('Provider id')).toHaveValue(okta);
  expect(screen.getByLabelText('Pool id')).toHaveValue(pool.id);

  const exportLink = screen.getByRole('link', { name: 'Export JSON Lines' });
  const href = `/api/lifeguard/audit/export?provider_id=${okta}&pool_id=${pool.id}`;
  expect(exportLink).toHaveAttribute('href', href);
  expect(exportLink).toHaveAttribute('download');
  // …and the download holds the same entries, one JSON object per line.
  const download = await fetch(new URL(href, window.location.href));
  expect(download.headers.get('content-type')).toMatch(
    /^application\/x-ndjson/,
  );
  const lines = (await download.text()).trim().split('\n');
  expect(lines.map((line) => JSON.parse(line).action)).toEqual([
    'update-pool',
    'create-pool',
  ]);
});

test('the filter form puts the filters in the URL, the list and the export link', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta);
  const { user, router } = renderApp('/audit');
  await screen.findByRole('table', { name: 'Audit log entries, newest first' });

  await user.type(screen.getByLabelText('Pool id'), pool.id);
  await user.type(screen.getByLabelText('From (UTC)'), utcDay(1));
  await user.type(screen.getByLabelText('To (UTC)'), utcDay());
  await user.click(screen.getByRole('button', { name: 'Apply filters' }));
  // The end before the start is refused at the field, not sent.
  expect(screen.getByLabelText('To (UTC)')).toHaveAccessibleDescription(
    'The end date is before the start date',
  );
  expect(router.state.location.search).toBe('');

  await user.clear(screen.getByLabelText('From (UTC)'));
  await user.type(screen.getByLabelText('From (UTC)'), utcDay());
  await user.click(screen.getByRole('button', { name: 'Apply filters' }));
  expect(router.state.location.search).toBe(
    `?pool_id=${pool.id}&since=${utcDay()}&until=${utcDay()}`,
  );
  expect(await screen.findByText('1 entry shown')).toBeInTheDocument();
  expect(rows()[0]).toHaveTextContent('Created pool');
  // Dates are whole UTC days: until is the start of the next day.
  expect(
    screen.getByRole('link', { name: 'Export JSON Lines' }),
  ).toHaveAttribute(
    'href',
    `/api/lifeguard/audit/export?pool_id=${pool.id}&since=${utcDay()}T00%3A00%3A00.000Z&until=${utcDay(1)}T00%3A00%3A00.000Z`,
  );

  await user.click(screen.getByRole('button', { name: 'Clear' }));
  expect(router.state.location.search).toBe('');
  expect(screen.getByLabelText('Pool id')).toHaveValue('');
  expect(
    screen.getByRole('link', { name: 'Export JSON Lines' }),
  ).toHaveAttribute('href', '/api/lifeguard/audit/export');
});

test('filters that match nothing say so', async () => {
  renderApp('/audit?pool_id=pool-never-was');
  expect(
    await screen.findByText('No entries match these filters.'),
  ).toBeInTheDocument();
  expect(screen.getByText('0 entries shown')).toBeInTheDocument();
});

test('a viewer who opens the audit log is told it is for admins', async () => {
  renderApp('/audit', { session: VIEWER_SESSION });
  expect(
    screen.getByRole('heading', { level: 1, name: 'Audit log' }),
  ).toBeInTheDocument();
  expect(screen.getByRole('alert')).toHaveTextContent(
    'The audit log is for admins',
  );
  expect(screen.queryByRole('table')).not.toBeInTheDocument();
  expect(
    screen.queryByRole('link', { name: 'Export JSON Lines' }),
  ).not.toBeInTheDocument();
  // Nor does the header offer it.
  expect(
    screen.queryByRole('link', { name: 'Audit log' }),
  ).not.toBeInTheDocument();
});

/** The log's row about this pool's creation. */
function createdRow(poolId: string) {
  return rows().find(
    (row) =>
      row.textContent?.includes(poolId) &&
      row.textContent.includes('Created pool'),
  );
}

test('each entry says exactly when, and names its target beside the id, even where names repeat', async () => {
  const okta = await demoProviderId('okta.com');
  const first = await createTestPool(okta, { display_name: 'orders-twin' });
  const second = await createTestPool(okta, { display_name: 'orders-twin' });
  renderApp(`/audit?provider_id=${okta}`);
  await waitFor(() => expect(createdRow(first.id)).toBeDefined());
  const older = createdRow(first.id)!;
  const newer = createdRow(second.id)!;
  expect(
    await within(newer).findByRole('link', {
      name: `orders-twin ${second.id}`,
    }),
  ).toBeInTheDocument();
  expect(
    within(older).getByRole('link', { name: `orders-twin ${first.id}` }),
  ).toBeInTheDocument();

  // The exact time (UTC) is in the row itself, not only on hover or focus.
  const time = newer.querySelector('time')!;
  const exact = new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(time.getAttribute('datetime')!));
  expect(exact).toMatch(/UTC$/);
  expect(time).toHaveTextContent(/ago|now/);
  expect(time).toHaveTextContent(exact);
});

test('a deleted pool is still named, from what its entries recorded', async () => {
  const okta = await demoProviderId('okta.com');
  const pool = await createTestPool(okta, { display_name: 'short-lived' });
  const deleted = await fetch(
    new URL(
      `/api/iam/v2/identity-providers/${okta}/identity-pools/${pool.id}`,
      window.location.href,
    ),
    { method: 'DELETE', headers: { 'x-lifeguard-csrf': '1' } },
  );
  expect(deleted.status).toBe(204);
  renderApp(`/audit?provider_id=${okta}&pool_id=${pool.id}`);
  expect(await screen.findByText('2 entries shown')).toBeInTheDocument();
  for (const row of rows()) {
    expect(
      within(row).getByRole('link', { name: `short-lived ${pool.id}` }),
    ).toBeInTheDocument();
  }
});
